namespace Batchata;

/// <summary>One provider batch as seen by the last poll.</summary>
public sealed class ProviderBatchProgress
{
    /// <summary>Gets the provider.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the model of the batch.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the provider's batch id (null while it is being created).</summary>
    public string? BatchId { get; init; }

    /// <summary>Gets where the batch is in its life.</summary>
    public BatchPhase Phase { get; init; }

    /// <summary>Gets a value indicating whether the batch is over: collected, failed, or ended at the provider.</summary>
    public bool IsFinished => !BatchLifecycle.IsOpen(Phase);

    /// <summary>Gets the status to show: the provider's own word while it runs the batch (in_progress, BATCH_STATE_RUNNING, ...), else Batchata's (creating, collected, ...). For display only; decide on <see cref="Phase"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the number of jobs in the batch.</summary>
    public int Total { get; init; }

    /// <summary>Gets the jobs the provider reports as done.</summary>
    public int Done { get; init; }

    /// <summary>Gets the actual cost of the batch's settled jobs in USD.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the time since the batch was created.</summary>
    public TimeSpan Elapsed { get; init; }
}
