namespace Batchata;

/// <summary>The engine's in-memory view of one job. Mutated only under <see cref="RunState"/>'s lock.</summary>
internal sealed class JobState(JobRequest request, ModelInfo model)
{
    public JobRequest Request { get; } = request;

    public ModelInfo Model { get; } = model;

    public string Id => Request.Id;

    public JobStatus Status { get; set; } = JobStatus.Pending;

    public long? BatchRow { get; set; }

    public string? BatchId { get; set; }

    public int Attempts { get; set; }

    public decimal ReservedUsd { get; set; }

    public decimal CostUsd { get; set; }

    public decimal RealTimeCostUsd { get; set; }

    /// <summary>The expected cost before the run (estimated input, half of max_tokens out, batch prices), as the dry run reports it.</summary>
    public decimal EstimatedCostUsd { get; } = CostCalculator.BatchCost(model, new TokenUsage(request.EstimatedInputTokens, CostCalculator.ExpectedOutputTokens(request.MaxTokens)));
}
