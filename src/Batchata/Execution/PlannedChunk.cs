namespace Batchata;

/// <summary>A group of jobs ready to become one provider batch: encoded (the lines in a spool on disk), sized within the limits, their worst-case cost reserved.</summary>
internal sealed record PlannedChunk(IBatchProvider Provider, string Model, IReadOnlyList<JobState> Jobs, RequestSpool Requests)
{
    public decimal ReservedUsd => Jobs.Sum(j => j.ReservedUsd);

    /// <summary>The jobs' estimated prompt tokens, counted against the provider's enqueued-token limit.</summary>
    public long EnqueuedTokens => Jobs.Sum(j => j.EstimatedInputTokens);
}
