using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>The kinds of input file Batchata understands.</summary>
internal enum JobFileKind
{
    Pdf,
    Text,
    Docx,
    Image,
}

/// <summary>An input file attached to the last user turn of a job. The content is read at submission time, once.</summary>
internal sealed record JobFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("kind")] JobFileKind Kind,
    [property: JsonPropertyName("media_type")] string MediaType)
{
    /// <summary>The SHA-256 (hex) of the file's content when the job was added, so a changed file is a changed job; null in definitions stored before it was kept.</summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }
}
