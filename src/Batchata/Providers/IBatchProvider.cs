namespace Batchata;

/// <summary>
/// One provider's batch API, as the engine needs it. Implementations are thin HTTP layers that follow
/// reference/protocols.md; they retry transient failures themselves (never blindly retrying a create:
/// only when the answer proves nothing was created, otherwise reconciling with <see cref="FindBatchAsync"/>).
/// </summary>
internal interface IBatchProvider
{
    /// <summary>Gets the provider name: anthropic, openai or gemini.</summary>
    string Name { get; }

    /// <summary>Gets the limits of one provider batch.</summary>
    ProviderLimits Limits { get; }

    /// <summary>Gets a value indicating whether one provider batch may hold only one model.</summary>
    bool OneModelPerBatch { get; }

    /// <summary>Gets a fixed interval for polling a running batch, or null for the engine's adaptive interval.</summary>
    TimeSpan? PollInterval { get; }

    /// <summary>Checks what only this provider knows (file types, citations, parameter names); throws <see cref="BatchValidationException"/> naming the job.</summary>
    void Validate(JobRequest job, ModelInfo model);

    /// <summary>Serializes one job into this provider's request line (UTF-8 JSON, no newline). Reads the job's file, once.</summary>
    byte[] EncodeRequest(JobRequest job, ModelInfo model);

    /// <summary>Creates a provider batch and returns its id. Must not create two batches for one call.</summary>
    Task<string> CreateBatchAsync(BatchSubmission submission, CancellationToken cancellationToken);

    /// <summary>Gets the current state of a batch.</summary>
    Task<ProviderBatchState> GetBatchAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Asks the provider to cancel a batch (idempotent; a batch that already ended is fine).</summary>
    Task CancelBatchAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Streams the per-request results of a terminal batch. Every request the provider reports appears once.</summary>
    IAsyncEnumerable<ProviderResult> ReadResultsAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Finds a batch created by an earlier, interrupted <see cref="CreateBatchAsync"/> with the same tag and request count, or null.</summary>
    Task<string?> FindBatchAsync(BatchSubmission submission, DateTimeOffset notBefore, CancellationToken cancellationToken);
}
