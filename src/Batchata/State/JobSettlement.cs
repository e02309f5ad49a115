namespace Batchata;

/// <summary>The final (or reset) state of one job, written to the store in a batch of settlements.</summary>
internal sealed record JobSettlement(
    string JobId,
    JobStatus Status,
    string? Error,
    JobFailureKind FailureKind,
    decimal CostUsd,
    long InputTokens,
    long OutputTokens,
    string? ResultPath,
    bool CountAttempt = false)
{
    /// <summary>Gets the result file's bytes as the state file keeps them, for a completed job (rewritten from it if the file is lost).</summary>
    public StoredAnswer? Answer { get; init; }
}
