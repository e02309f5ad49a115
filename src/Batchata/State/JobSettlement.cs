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
    bool CountAttempt = false);
