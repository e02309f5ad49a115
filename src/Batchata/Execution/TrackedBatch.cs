namespace Batchata;

/// <summary>A provider batch the engine is tracking, with its last seen progress.</summary>
internal sealed class TrackedBatch
{
    private IReadOnlyList<string> _jobIds = [];

    public required long Row { get; init; }

    public required string Tag { get; init; }

    public required IBatchProvider Provider { get; init; }

    public required string Model { get; init; }

    /// <summary>The batch's job ids while it is tracked; emptied once its tracker ends (see <see cref="JobCount"/>).</summary>
    public required IReadOnlyList<string> JobIds
    {
        get => _jobIds;
        init
        {
            _jobIds = value;
            JobCount = value.Count;
        }
    }

    /// <summary>The number of jobs in the batch.</summary>
    public int JobCount { get; private init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? BatchId { get; set; }

    public string Status { get; set; } = "creating";

    public int Done { get; set; }

    public decimal CostUsd { get; set; }

    public bool CancelSent { get; set; }

    /// <summary>Lets go of the job ids once the batch is no longer tracked: a long run keeps its batches for progress, not their ids.</summary>
    public void ReleaseJobIds() => _jobIds = [];
}
