namespace Batchata;

/// <summary>An immutable snapshot of a running batch run, sent to <see cref="IProgress{T}"/> at a set interval and at every change of a provider batch.</summary>
public sealed class BatchProgress
{
    /// <summary>Gets the job counts and cost.</summary>
    public required BatchStatus Status { get; init; }

    /// <summary>Gets the provider batches of this run (in flight and done).</summary>
    public required IReadOnlyList<ProviderBatchProgress> Batches { get; init; }

    /// <summary>Gets the time since the run started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Gets the time limit, or null.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>
    /// Gets the provider queues that hold pending jobs back now (for example <c>openai gpt-4.1-mini</c> or
    /// <c>anthropic</c>): the provider refused a batch for its queue limit, or a known limit is reached. The jobs are
    /// submitted as the provider's batches in flight end. Empty when nothing waits.
    /// </summary>
    public IReadOnlyList<string> WaitingForProviderQueue { get; init; } = [];

    /// <summary>
    /// Gets the run's limit on jobs in flight (<see cref="Batch.SetMaxJobsInFlight"/>) when pending jobs wait because
    /// it is reached: they are submitted as batches in flight end. Null when nothing waits for it.
    /// </summary>
    public int? WaitingForJobsInFlightLimit { get; init; }
}
