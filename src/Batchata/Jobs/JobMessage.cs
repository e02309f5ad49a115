using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>
/// One chat turn of a job, provider-neutral. <see cref="Role"/> is system, user or assistant. <see cref="Text"/> is the
/// turn's text (its text parts joined); <see cref="Parts"/> is set only when the turn carries more than text (images,
/// documents), and then it is what is sent, in order.
/// </summary>
internal sealed record JobMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("text")] string Text)
{
    /// <summary>The content parts in order (text and media), or null for a text-only turn.</summary>
    [JsonPropertyName("parts")]
    public IReadOnlyList<JobPart>? Parts { get; init; }
}

/// <summary>The kinds of content part a message can carry.</summary>
internal enum JobPartKind
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>Inline bytes: an image, a PDF or a text document.</summary>
    Data,

    /// <summary>A URL the provider fetches (images).</summary>
    Uri,
}

/// <summary>One content part of a message (from a Microsoft.Extensions.AI <c>TextContent</c>, <c>DataContent</c> or <c>UriContent</c>).</summary>
internal sealed record JobPart
{
    /// <summary>The kind of part.</summary>
    [JsonPropertyName("type")]
    public required JobPartKind Kind { get; init; }

    /// <summary>The text of a text part.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>The file kind of a data or URI part (image, pdf, text).</summary>
    [JsonPropertyName("file_kind")]
    public JobFileKind? FileKind { get; init; }

    /// <summary>The media type of a data or URI part.</summary>
    [JsonPropertyName("media_type")]
    public string? MediaType { get; init; }

    /// <summary>The bytes of a data part (base64 in JSON).</summary>
    [JsonPropertyName("data")]
    public byte[]? Data { get; init; }

    /// <summary>The URL of a URI part.</summary>
    [JsonPropertyName("uri")]
    public string? Uri { get; init; }

    /// <summary>The name of a document (its title on Anthropic, its file name on OpenAI).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The page count of a PDF data part (0 for other kinds).</summary>
    [JsonPropertyName("pages")]
    public int Pages { get; init; }

    /// <summary>Gets the document name to send: the given name, else "document" with the kind's extension.</summary>
    [JsonIgnore]
    public string DisplayName => Name ?? (FileKind == JobFileKind.Pdf ? "document.pdf" : FileKind == JobFileKind.Image ? "image" : "document.txt");

    /// <summary>The content of a data part as a loaded file, as the provider encoders write files.</summary>
    public LoadedFile ToLoadedFile()
    {
        var kind = FileKind ?? JobFileKind.Text;
        return kind is JobFileKind.Pdf or JobFileKind.Image
            ? new LoadedFile(kind, MediaType!, DisplayName, Data, null, Pages)
            : new LoadedFile(kind, MediaTypes.PlainText, DisplayName, null, System.Text.Encoding.UTF8.GetString(Data ?? []), 0);
    }
}
