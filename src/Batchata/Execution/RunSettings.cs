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
    TimeSpan ProgressInterval)
{
    /// <summary>Known provider queue limits (<see cref="Batch.SetQueueLimit"/>).</summary>
    public IReadOnlyList<QueueLimit> QueueLimits { get; init; } = [];

    /// <summary>A fixed poll interval for every provider (<see cref="Batch.SetPollInterval"/>), or null for the adaptive default.</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>The most jobs in flight at once over all providers (<see cref="Batch.SetMaxJobsInFlight"/>), or null for no limit.</summary>
    public int? MaxJobsInFlight { get; init; } = Batch.DefaultMaxJobsInFlight;
}
