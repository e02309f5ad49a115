namespace Batchata;

/// <summary>What a run would do and cost, computed without submitting anything.</summary>
public sealed class DryRunReport
{
    /// <summary>Gets one line per provider and model.</summary>
    public required IReadOnlyList<DryRunGroup> Groups { get; init; }

    /// <summary>Gets the number of jobs that would be submitted (completed jobs of a resumed state are not counted).</summary>
    public int TotalJobs => Groups.Sum(g => g.Jobs);

    /// <summary>Gets the expected cost at batch prices, in USD.</summary>
    public decimal ExpectedCostUsd => Groups.Sum(g => g.ExpectedCostUsd);

    /// <summary>Gets the worst-case cost (every job uses its max_tokens) at batch prices, in USD.</summary>
    public decimal WorstCaseCostUsd => Groups.Sum(g => g.WorstCaseCostUsd);

    /// <summary>Gets the expected cost of the same work at real-time prices, in USD.</summary>
    public decimal RealTimeCostUsd => Groups.Sum(g => g.RealTimeCostUsd);

    /// <summary>Gets the expected saving against real-time prices, in USD.</summary>
    public decimal SavingUsd => RealTimeCostUsd - ExpectedCostUsd;

    /// <summary>Gets the cost limit, or null.</summary>
    public decimal? CostLimitUsd { get; init; }

    /// <summary>Gets a value indicating whether the worst case fits under the cost limit (every job will be submitted).</summary>
    public bool WorstCaseFitsLimit => CostLimitUsd is not { } limit || WorstCaseCostUsd <= limit;

    /// <summary>Gets a value indicating whether the expected cost fits under the cost limit.</summary>
    public bool ExpectedFitsLimit => CostLimitUsd is not { } limit || ExpectedCostUsd <= limit;

    /// <summary>Gets the assumption behind expected output tokens.</summary>
    public string OutputAssumption { get; init; } = "expected output = half of max_tokens per job";
}
