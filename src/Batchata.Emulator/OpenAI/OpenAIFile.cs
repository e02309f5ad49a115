using Batchata.Emulator.Core;

namespace Batchata.Emulator.OpenAI;

/// <summary>A stored file: uploaded bytes, or a batch output/error file generated on download.</summary>
internal sealed class OpenAIFile
{
    public required string Id { get; init; }

    public required string FileName { get; init; }

    public required string Purpose { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the uploaded content, kept deflated (null for generated files).</summary>
    public PackedBytes? Content { get; init; }

    /// <summary>Gets the batch that generates this file (output or error file).</summary>
    public OpenAIBatch? Source { get; init; }

    public bool IsErrorFile { get; init; }

    public long Bytes { get; set; }

    public bool Deleted { get; set; }
}
