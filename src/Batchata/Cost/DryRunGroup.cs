namespace Batchata;

/// <summary>The dry-run figures of one provider and model.</summary>
public sealed class DryRunGroup
{
    /// <summary>Gets the provider.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the model.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the number of jobs.</summary>
    public int Jobs { get; init; }

    /// <summary>Gets the planned provider batches, each as (requests, bytes).</summary>
    public required IReadOnlyList<(int Requests, long Bytes)> Batches { get; init; }

    /// <summary>Gets the provider's per-batch limit on requests.</summary>
    public int MaxRequestsPerBatch { get; init; }

    /// <summary>Gets the provider's per-batch limit on bytes.</summary>
    public long MaxBytesPerBatch { get; init; }

    /// <summary>Gets the estimated input tokens of all jobs.</summary>
    public long EstimatedInputTokens { get; init; }

    /// <summary>Gets the expected output tokens of all jobs.</summary>
    public long ExpectedOutputTokens { get; init; }

    /// <summary>Gets the maximum output tokens of all jobs.</summary>
    public long MaxOutputTokens { get; init; }

    /// <summary>Gets the expected cost at batch prices, in USD.</summary>
    public decimal ExpectedCostUsd { get; init; }

    /// <summary>Gets the worst-case cost at batch prices, in USD.</summary>
    public decimal WorstCaseCostUsd { get; init; }

    /// <summary>Gets the expected cost at real-time prices, in USD.</summary>
    public decimal RealTimeCostUsd { get; init; }
}
