using System.Text.Json;
using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>
/// The full, provider-neutral definition of one job, as validated at <c>AddJob</c> and as stored in the
/// run state. Providers turn it into their own request line.
/// </summary>
internal sealed record JobRequest
{
    /// <summary>The job id (also the provider custom_id / key).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The canonical model id (aliases already resolved).</summary>
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    /// <summary>The provider name: anthropic, openai or gemini.</summary>
    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    /// <summary>The conversation. A prompt-only job is a single user message. System turns come first.</summary>
    [JsonPropertyName("messages")]
    public required IReadOnlyList<JobMessage> Messages { get; init; }

    /// <summary>An optional file attached to the last user message (before its text).</summary>
    [JsonPropertyName("file")]
    public JobFile? File { get; init; }

    /// <summary>The maximum number of output tokens.</summary>
    [JsonPropertyName("max_tokens")]
    public required int MaxTokens { get; init; }

    /// <summary>The sampling temperature, or null for the provider's default (never sent when null).</summary>
    [JsonPropertyName("temperature")]
    public double? Temperature { get; init; }

    /// <summary>A provider-neutral JSON schema (object root) the answer must follow, or null for free text.</summary>
    [JsonPropertyName("response_schema")]
    public JsonElement? ResponseSchema { get; init; }

    /// <summary>The name of the schema (the C# type name, or "response").</summary>
    [JsonPropertyName("response_type")]
    public string? ResponseTypeName { get; init; }

    /// <summary>How the schema reaches the model (<see cref="StructuredModes"/>), chosen at <c>AddJob</c>; null without a schema (or in a state written before it existed: then chosen again).</summary>
    [JsonPropertyName("structured_mode")]
    public string? StructuredMode { get; init; }

    /// <summary>Whether citations are requested (Anthropic documents only).</summary>
    [JsonPropertyName("enable_citations")]
    public bool EnableCitations { get; init; }

    /// <summary>Whether the system prompt and document are marked cacheable (Anthropic cache_control).</summary>
    [JsonPropertyName("cache_prefix")]
    public bool CachePrefix { get; init; }

    /// <summary>The estimated prompt tokens (messages, schema and file), computed once at <c>AddJob</c>; the cost limit reserves on it.</summary>
    [JsonPropertyName("estimated_input_tokens")]
    public long EstimatedInputTokens { get; init; }

    /// <summary>The fingerprint of what is sent (see <see cref="JobFingerprint"/>), set at <c>AddJob</c>; null in definitions stored before it was kept.</summary>
    [JsonPropertyName("fingerprint")]
    public string? Fingerprint { get; init; }

    /// <summary>Gets whether the job carries a document (a PDF or text file, or a PDF or text part in a message), which citations need.</summary>
    [JsonIgnore]
    public bool HasDocument => File is { Kind: not JobFileKind.Image }
        || Messages.Any(m => m.Parts?.Any(p => p.FileKind is JobFileKind.Pdf or JobFileKind.Text) == true);

    /// <summary>Extra provider parameters (a JSON object) passed through verbatim, already checked against the provider's list.</summary>
    [JsonPropertyName("additional_params")]
    public JsonElement? AdditionalParams { get; init; }
}
