namespace Batchata;

/// <summary>
/// Turns token usage into USD with the catalog prices (USD per million tokens), in <see cref="decimal"/>.
/// Reasoning/thinking tokens are part of <see cref="TokenUsage.OutputTokens"/> and bill as output. When the
/// prompt (uncached input + cache writes + cache reads) exceeds the model's long-context threshold, the whole
/// request is billed at the long-context tier: input and cache prices times the input multiplier, output
/// prices times the output multiplier.
/// </summary>
internal static class CostCalculator
{
    private const decimal PerMillion = 1_000_000m;

    /// <summary>The cost of one answer at batch prices.</summary>
    /// <param name="model">The model.</param>
    /// <param name="usage">The token usage of the answer.</param>
    /// <returns>USD.</returns>
    public static decimal BatchCost(ModelInfo model, TokenUsage usage)
    {
        var p = model.Pricing;
        return Cost(p, usage, p.BatchInput, p.BatchOutput, p.BatchCacheWrite, p.BatchCacheWrite1h, p.BatchCacheRead);
    }

    /// <summary>The cost of one answer at standard (real-time) prices, for comparison with the batch cost.</summary>
    /// <param name="model">The model.</param>
    /// <param name="usage">The token usage of the answer.</param>
    /// <returns>USD.</returns>
    public static decimal StandardCost(ModelInfo model, TokenUsage usage)
    {
        var p = model.Pricing;
        return Cost(p, usage, p.Input, p.Output, p.CacheWrite, p.CacheWrite1h, p.CacheRead);
    }

    /// <summary>
    /// The most one request can cost at batch prices: every estimated prompt token as uncached input plus
    /// <paramref name="maxTokens"/> output tokens, at the long-context tier when the estimate exceeds the threshold.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="estimatedInputTokens">The estimated prompt tokens.</param>
    /// <param name="maxTokens">The output token limit of the request.</param>
    /// <returns>USD.</returns>
    public static decimal WorstCaseBatchCost(ModelInfo model, long estimatedInputTokens, int maxTokens) =>
        BatchCost(model, new TokenUsage(WithMargin(estimatedInputTokens), Math.Max(0, maxTokens)));

    /// <summary>The output a job is expected to produce before it runs: half of its max_tokens (the dry run's stated assumption).</summary>
    public static long ExpectedOutputTokens(int maxTokens) => Math.Max(1, maxTokens / 2);

    /// <summary>The safety margin on estimated input tokens when a worst case is reserved against the cost limit: 20% plus 64 tokens.</summary>
    public const decimal ReservationMargin = 1.20m;

    private static long WithMargin(long estimatedInputTokens)
        => (long)Math.Ceiling(Math.Max(0, estimatedInputTokens) * ReservationMargin) + 64;

    /// <summary>Whether a prompt of <paramref name="promptTokens"/> tokens is billed at the long-context tier.</summary>
    /// <param name="pricing">The prices.</param>
    /// <param name="promptTokens">All prompt tokens of the request.</param>
    /// <returns>True above the threshold.</returns>
    public static bool IsLongContext(ModelPricing pricing, long promptTokens) =>
        pricing.LongContextThreshold is { } threshold && promptTokens > threshold;

    private static decimal Cost(ModelPricing p, TokenUsage u, decimal input, decimal output, decimal write, decimal write1h, decimal read)
    {
        var (inMul, outMul) = IsLongContext(p, u.TotalInputTokens)
            ? (p.LongContextInputMultiplier, p.LongContextOutputMultiplier)
            : (1m, 1m);
        var dollars = (u.InputTokens * input * inMul)
            + (u.CacheWriteTokens * write * inMul)
            + (u.CacheWrite1hTokens * write1h * inMul)
            + (u.CacheReadTokens * read * inMul)
            + (u.OutputTokens * output * outMul);
        return dollars / PerMillion;
    }
}
