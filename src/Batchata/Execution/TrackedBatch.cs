namespace Batchata;

/// <summary>A provider batch the engine is tracking, with its last seen progress.</summary>
internal sealed class TrackedBatch
{
    public required long Row { get; init; }

    public required string Tag { get; init; }

    public required IBatchProvider Provider { get; init; }

    public required string Model { get; init; }

    public required IReadOnlyList<string> JobIds { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? BatchId { get; set; }

    public string Status { get; set; } = "creating";

    public int Done { get; set; }

    public decimal CostUsd { get; set; }

    public bool CancelSent { get; set; }
}
