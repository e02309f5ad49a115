namespace Batchata;

/// <summary>Counts and cost of a run at one moment.</summary>
public sealed class BatchStatus
{
    /// <summary>Gets the number of jobs in the run.</summary>
    public int Total { get; init; }

    /// <summary>Gets the jobs not yet submitted.</summary>
    public int Pending { get; init; }

    /// <summary>Gets the jobs in provider batches that have not ended.</summary>
    public int Running { get; init; }

    /// <summary>Gets the completed jobs.</summary>
    public int Completed { get; init; }

    /// <summary>Gets the failed jobs.</summary>
    public int Failed { get; init; }

    /// <summary>Gets the cancelled jobs.</summary>
    public int Cancelled { get; init; }

    /// <summary>Gets the actual cost so far in USD (settled jobs).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the worst-case cost reserved for jobs in flight, in USD.</summary>
    public decimal ReservedUsd { get; init; }

    /// <summary>Gets the cost limit in USD, or null.</summary>
    public decimal? CostLimitUsd { get; init; }

    /// <summary>Gets the estimated cost of the same work at real-time (non-batch) prices, in USD, for settled jobs.</summary>
    public decimal RealTimeCostUsd { get; init; }

    /// <summary>Gets what the settled jobs were expected to cost before the run (the dry run's estimate), in USD, to compare with <see cref="CostUsd"/>.</summary>
    public decimal EstimatedCostUsd { get; init; }

    /// <summary>Gets the number of provider batches created so far.</summary>
    public int BatchesTotal { get; init; }

    /// <summary>Gets the number of provider batches that have ended and been collected.</summary>
    public int BatchesDone { get; init; }

    /// <summary>Gets a value indicating whether every job has ended.</summary>
    public bool IsComplete => Pending == 0 && Running == 0;
}
