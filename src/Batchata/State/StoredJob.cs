namespace Batchata;

/// <summary>A job row of the run store.</summary>
internal sealed record StoredJob(
    string Id,
    JobRequest Request,
    JobStatus Status,
    long? BatchRow,
    int Attempts,
    string? Error,
    JobFailureKind FailureKind,
    decimal CostUsd,
    long InputTokens = 0,
    long OutputTokens = 0);
