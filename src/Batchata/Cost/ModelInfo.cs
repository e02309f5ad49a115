using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>One model of the catalog: its provider, lifecycle, prices, limits and capabilities.</summary>
public sealed class ModelInfo
{
    // Backing field: source-generated JSON metadata sets an absent init-only property to default, losing an
    // initializer (https://github.com/dotnet/runtime/issues/84484), so the default lives in the getter.
    private readonly IReadOnlyList<string>? _aliases;
    private readonly ModelPricing? _pricing;
    private readonly ModelCapabilities? _capabilities;

    /// <summary>Gets the canonical model id sent to the provider.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>Gets the provider: anthropic, openai or gemini.</summary>
    [JsonPropertyName("provider")] public required string Provider { get; init; }

    /// <summary>Gets other names that resolve to this model.</summary>
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get => _aliases ?? []; init => _aliases = value; }

    /// <summary>Gets the lifecycle stage.</summary>
    [JsonPropertyName("lifecycle")] public ModelLifecycle Lifecycle { get; init; }

    /// <summary>Gets the date the deprecation was announced, if any.</summary>
    [JsonPropertyName("deprecated_on")] public DateOnly? DeprecatedOn { get; init; }

    /// <summary>Gets the retirement (shutdown) date, if announced.</summary>
    [JsonPropertyName("retires_on")] public DateOnly? RetiresOn { get; init; }

    /// <summary>Gets the model to use instead, for deprecated and retired models.</summary>
    [JsonPropertyName("replacement")] public string? Replacement { get; init; }

    /// <summary>Gets the prices.</summary>
    [JsonPropertyName("pricing")] public ModelPricing Pricing { get => _pricing ?? ModelPricing.Empty; init => _pricing = value; }

    /// <summary>Gets the context window in tokens.</summary>
    [JsonPropertyName("context_window")] public long ContextWindow { get; init; }

    /// <summary>Gets the maximum output tokens of one request.</summary>
    [JsonPropertyName("max_output_tokens")] public int MaxOutputTokens { get; init; }

    /// <summary>
    /// Gets the OpenAI batch endpoint this model's request lines go to: <c>/v1/responses</c> for the models that serve only the
    /// Responses API (the <c>*-pro</c> and <c>*-codex</c> models answer every <c>/v1/chat/completions</c> line with 404
    /// "This model is only supported in v1/responses and not in v1/chat/completions"); null means <c>/v1/chat/completions</c>.
    /// </summary>
    [JsonPropertyName("endpoint")] public string? Endpoint { get; init; }

    /// <summary>Gets the capabilities.</summary>
    [JsonPropertyName("capabilities")] public ModelCapabilities Capabilities { get => _capabilities ?? ModelCapabilities.Empty; init => _capabilities = value; }

    /// <summary>Gets free-form notes (quirks) from the catalog.</summary>
    [JsonPropertyName("notes")] public string? Notes { get; init; }

    /// <summary>
    /// What one request costs on this model at batch prices (the catalog's, in USD), long-context tier included.
    /// The counts are those of a <see cref="JobResult"/>: <paramref name="inputTokens"/> is every prompt token, cache
    /// writes and reads included; reasoning tokens are part of <paramref name="outputTokens"/>.
    /// </summary>
    /// <param name="inputTokens">All prompt tokens (cache writes and reads included).</param>
    /// <param name="outputTokens">The output tokens (reasoning included).</param>
    /// <param name="cacheWriteTokens">The prompt tokens written to the cache (5-minute cache).</param>
    /// <param name="cacheReadTokens">The prompt tokens read from the cache.</param>
    /// <returns>USD.</returns>
    public decimal BatchCostUsd(long inputTokens, long outputTokens, long cacheWriteTokens = 0, long cacheReadTokens = 0)
        => CostCalculator.BatchCost(this, Usage(inputTokens, outputTokens, cacheWriteTokens, cacheReadTokens));

    /// <summary>What the same request costs on this model at standard (real-time) prices, to compare with the batch cost.</summary>
    /// <param name="inputTokens">All prompt tokens (cache writes and reads included).</param>
    /// <param name="outputTokens">The output tokens (reasoning included).</param>
    /// <param name="cacheWriteTokens">The prompt tokens written to the cache (5-minute cache).</param>
    /// <param name="cacheReadTokens">The prompt tokens read from the cache.</param>
    /// <returns>USD.</returns>
    public decimal StandardCostUsd(long inputTokens, long outputTokens, long cacheWriteTokens = 0, long cacheReadTokens = 0)
        => CostCalculator.StandardCost(this, Usage(inputTokens, outputTokens, cacheWriteTokens, cacheReadTokens));

    private static TokenUsage Usage(long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheWriteTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheReadTokens);
        return new TokenUsage(Math.Max(0, inputTokens - cacheWriteTokens - cacheReadTokens), outputTokens, cacheWriteTokens, 0, cacheReadTokens);
    }
}
