namespace Batchata.Emulator.Core;

/// <summary>Per-batch inputs of <see cref="AnswerEngine"/>: fault settings and the cache prefixes already written.</summary>
internal sealed class AnswerContext(int seed, long batchOrdinal, double retryableRate, IReadOnlyList<string> retryableTypes)
{
    public int Seed { get; } = seed;

    public long BatchOrdinal { get; } = batchOrdinal;

    public double RetryableRate { get; } = retryableRate;

    public IReadOnlyList<string> RetryableTypes { get; } = retryableTypes;

    public HashSet<string> SeenCachePrefixes { get; } = new(StringComparer.Ordinal);
}
