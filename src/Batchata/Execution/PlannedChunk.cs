namespace Batchata;

/// <summary>A group of jobs ready to become one provider batch: encoded, sized within the limits, their worst-case cost reserved.</summary>
internal sealed record PlannedChunk(IBatchProvider Provider, string Model, IReadOnlyList<JobState> Jobs, IReadOnlyList<EncodedRequest> Requests)
{
    public decimal ReservedUsd => Jobs.Sum(j => j.ReservedUsd);
}
