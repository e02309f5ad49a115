namespace Batchata;

/// <summary>The results of a run, split by how each job ended.</summary>
public sealed class BatchResults
{
    internal BatchResults(IReadOnlyList<JobResult> all)
    {
        All = all;
        Completed = all.Where(r => r.Status == JobStatus.Completed).ToList();
        Failed = all.Where(r => r.Status == JobStatus.Failed).ToList();
        Cancelled = all.Where(r => r.Status == JobStatus.Cancelled).ToList();
    }

    /// <summary>Gets every job's result, in the order the jobs were added.</summary>
    public IReadOnlyList<JobResult> All { get; }

    /// <summary>Gets the completed jobs.</summary>
    public IReadOnlyList<JobResult> Completed { get; }

    /// <summary>Gets the failed jobs (each with <see cref="JobResult.Error"/> and <see cref="JobResult.FailureKind"/>).</summary>
    public IReadOnlyList<JobResult> Failed { get; }

    /// <summary>Gets the cancelled jobs.</summary>
    public IReadOnlyList<JobResult> Cancelled { get; }

    /// <summary>Gets the total cost of the run in USD.</summary>
    public decimal TotalCostUsd => All.Sum(r => r.CostUsd);
}
