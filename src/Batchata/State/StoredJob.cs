namespace Batchata;

/// <summary>A job row of the run store: its status and the facts planning needs, without the definition.</summary>
internal sealed record StoredJob(
    string Id,
    JobStatus Status,
    long? BatchRow,
    int Attempts,
    string? Error,
    JobFailureKind FailureKind,
    decimal CostUsd,
    long InputTokens = 0,
    long OutputTokens = 0)
{
    /// <summary>The canonical model id.</summary>
    public required string Model { get; init; }

    /// <summary>The estimated prompt tokens computed at <c>AddJob</c>.</summary>
    public long EstimatedInputTokens { get; init; }

    /// <summary>The maximum output tokens.</summary>
    public int MaxTokens { get; init; }

    /// <summary>The response type name of a structured job, or null.</summary>
    public string? ResponseTypeName { get; init; }

    /// <summary>Whether the job has a response schema.</summary>
    public bool HasSchema { get; init; }
}
