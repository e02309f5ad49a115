using Batchata.Emulator.Core;

namespace Batchata.Emulator.Gemini;

/// <summary>A Gemini file: uploaded (resumable) input, or a generated results file.</summary>
internal sealed class GeminiFile
{
    public required string Id { get; init; }

    public string Name => "files/" + Id;

    public string? DisplayName { get; init; }

    public required string MimeType { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the uploaded content, kept deflated (null for generated files).</summary>
    public PackedBytes? Content { get; init; }

    public GeminiBatch? Source { get; init; }

    public long SizeBytes { get; set; }

    public string Sha256 { get; init; } = "";
}
