using System.IO;

namespace Batchata.Emulator.Gemini;

/// <summary>An open resumable upload session.</summary>
internal sealed class GeminiUpload
{
    public required string Id { get; init; }

    public string? DisplayName { get; init; }

    public required string MimeType { get; init; }

    public long? ExpectedLength { get; init; }

    public MemoryStream Received { get; } = new();
}
