namespace Batchata;

/// <summary>The settings of one run, taken from the <see cref="Batch"/> builder.</summary>
internal sealed record RunSettings(
    string ResultsDir,
    int MaxParallelBatches,
    int? ItemsPerBatch,
    decimal? CostLimitUsd,
    TimeSpan? TimeLimit,
    bool RawFiles,
    int MaxAttempts,
    bool RetryFailed,
    TimeSpan CancelGracePeriod,
    TimeSpan ProgressInterval);
