namespace Batchata;

/// <summary>
/// Token counts of one answer, normalised across providers: <see cref="InputTokens"/> excludes cached
/// input (cache writes and reads are separate), <see cref="OutputTokens"/> includes reasoning/thinking tokens.
/// </summary>
internal readonly record struct TokenUsage(
    long InputTokens,
    long OutputTokens,
    long CacheWriteTokens = 0,
    long CacheWrite1hTokens = 0,
    long CacheReadTokens = 0,
    long ReasoningTokens = 0)
{
    /// <summary>All prompt tokens: uncached input plus cache writes plus cache reads.</summary>
    public long TotalInputTokens => InputTokens + CacheWriteTokens + CacheWrite1hTokens + CacheReadTokens;
}
