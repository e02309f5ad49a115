namespace Batchata;

/// <summary>How one request of a provider batch ended.</summary>
internal enum ProviderResultKind
{
    Succeeded,
    Errored,
    Canceled,
    Expired,
}

/// <summary>A text block of an answer, with the citations that support it (Anthropic).</summary>
internal sealed record ResponseTextBlock(string Text, IReadOnlyList<Citation> Citations);

/// <summary>One request's outcome, parsed from the provider's results, normalised.</summary>
internal sealed class ProviderResult
{
    /// <summary>The custom_id / key of the request (the job id).</summary>
    public required string CustomId { get; init; }

    /// <summary>How the request ended.</summary>
    public required ProviderResultKind Kind { get; init; }

    /// <summary>The answer text: text blocks concatenated, or the forced tool's input JSON. Null when not succeeded.</summary>
    public string? Text { get; init; }

    /// <summary>The answer's text blocks with citations, when the provider returns them (Anthropic with citations).</summary>
    public IReadOnlyList<ResponseTextBlock>? Blocks { get; init; }

    /// <summary>Token usage (zero when none is reported).</summary>
    public TokenUsage Usage { get; init; }

    /// <summary>Normalised stop reason: end_turn, max_tokens, refusal, stop_sequence, tool_use, content_filter, ...</summary>
    public string? StopReason { get; init; }

    /// <summary>The provider's error type or code for errored requests.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The provider's error message for errored requests.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Whether resubmitting the request in a later batch may succeed (overloaded, rate limited, server error, expired).</summary>
    public bool IsRetryable { get; init; }

    /// <summary>The raw result line as the provider returned it (for raw files). May be null.</summary>
    public string? RawLine { get; init; }
}
