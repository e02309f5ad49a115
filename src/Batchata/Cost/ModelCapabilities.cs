using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>What a model accepts.</summary>
public sealed class ModelCapabilities
{
    /// <summary>Gets capabilities with every flag off.</summary>
    internal static ModelCapabilities Empty { get; } = new();

    /// <summary>Gets a value indicating whether image input is accepted.</summary>
    [JsonPropertyName("vision")] public bool Vision { get; init; }

    /// <summary>Gets a value indicating whether PDF input is accepted.</summary>
    [JsonPropertyName("pdf")] public bool Pdf { get; init; }

    /// <summary>Gets a value indicating whether citations are supported (Anthropic).</summary>
    [JsonPropertyName("citations")] public bool Citations { get; init; }

    /// <summary>Gets a value indicating whether native JSON-schema structured output is supported.</summary>
    [JsonPropertyName("structured_output")] public bool StructuredOutput { get; init; }

    /// <summary>Gets a value indicating whether temperature/top_p/top_k are accepted (Anthropic: under API version 2023-06-01 only).</summary>
    [JsonPropertyName("temperature")] public bool Temperature { get; init; }

    /// <summary>Gets a value indicating whether this is a reasoning model (OpenAI: max_completion_tokens, no sampling parameters).</summary>
    [JsonPropertyName("reasoning")] public bool Reasoning { get; init; }

    /// <summary>Gets a value indicating whether forced tool use (tool_choice any/tool) is rejected (Anthropic FT).</summary>
    [JsonPropertyName("no_forced_tool")] public bool NoForcedToolUse { get; init; }

    /// <summary>Gets a value indicating whether thinking is always on (Anthropic AO).</summary>
    [JsonPropertyName("thinking_always_on")] public bool ThinkingAlwaysOn { get; init; }
}
