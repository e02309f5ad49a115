namespace Batchata;

/// <summary>The lifecycle of a provider batch as Batchata records it (write-ahead).</summary>
internal enum StoredBatchStatus
{
    /// <summary>Intent recorded; the create call may or may not have reached the provider.</summary>
    Creating,

    /// <summary>The provider batch id is recorded; the batch is being polled.</summary>
    Submitted,

    /// <summary>A cancel was sent; the batch is still polled until it ends.</summary>
    CancelRequested,

    /// <summary>The batch ended and every one of its jobs is settled.</summary>
    Collected,

    /// <summary>The intent was never created at the provider (reconciled), or the batch failed as a whole.</summary>
    Abandoned,
}

/// <summary>A provider batch row of the run store.</summary>
internal sealed record StoredBatch(
    long Row,
    string Tag,
    string Provider,
    string Model,
    string? ProviderBatchId,
    StoredBatchStatus Status,
    IReadOnlyList<string> JobIds,
    DateTimeOffset CreatedAt,
    decimal ReservedUsd);
