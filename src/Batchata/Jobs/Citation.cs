using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>
/// A span of a source document that supports (part of) an answer. In result files it has Python batchata's shape,
/// <c>{"text", "source", "page", "metadata"}</c>, with the other fields under <c>metadata</c> (see docs/RESULTS.md).
/// </summary>
[JsonConverter(typeof(CitationJsonConverter))]
public sealed class Citation
{
    /// <summary>Gets the quoted text of the source.</summary>
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    /// <summary>Gets the document title, or "Document" when it has none.</summary>
    [JsonPropertyName("source")]
    public string Source { get => _source ?? "Document"; init => _source = value; }

    // Backing field: source-generated JSON metadata sets an absent init-only property to default, losing an
    // initializer (https://github.com/dotnet/runtime/issues/84484), so the default lives in the getter.
    private readonly string? _source;

    /// <summary>Gets the 1-based page the span starts on (PDF documents), or null.</summary>
    [JsonPropertyName("page")]
    public int? Page { get; init; }

    /// <summary>Gets the 1-based page the span ends on, exclusive (PDF documents), or null.</summary>
    [JsonPropertyName("end_page")]
    public int? EndPage { get; init; }

    /// <summary>Gets the 0-based start character of the span (text documents), or null.</summary>
    [JsonPropertyName("start_char")]
    public int? StartChar { get; init; }

    /// <summary>Gets the 0-based exclusive end character of the span (text documents), or null.</summary>
    [JsonPropertyName("end_char")]
    public int? EndChar { get; init; }

    /// <summary>Gets the 0-based index of the cited document in the request.</summary>
    [JsonPropertyName("document_index")]
    public int DocumentIndex { get; init; }

    /// <summary>Gets the provider's location type (char_location, page_location, content_block_location).</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// <summary>Gets how sure the field mapping is ("high", "medium", "low"); null outside field mappings.</summary>
    [JsonPropertyName("confidence")]
    public string? Confidence { get; init; }

    /// <summary>Gets a short explanation of why the citation was mapped to its field; null outside field mappings.</summary>
    [JsonPropertyName("match_reason")]
    public string? MatchReason { get; init; }
}
