namespace Batchata;

/// <summary>A provider batch row of the run store.</summary>
internal sealed record StoredBatch(
    long Row,
    string Tag,
    string Provider,
    string Model,
    string? ProviderBatchId,
    BatchPhase Phase,
    IReadOnlyList<string> JobIds,
    DateTimeOffset CreatedAt,
    decimal ReservedUsd);
