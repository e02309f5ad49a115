namespace Batchata;

/// <summary>How safe a provider call is to repeat.</summary>
internal enum SendMode
{
    /// <summary>Safe to repeat (GET, cancel, download): retried on every transient failure.</summary>
    Idempotent,

    /// <summary>Creates something (batch create, file upload): retried only when the answer proves nothing was created (429, 503, 529).</summary>
    NonIdempotent,

    /// <summary>
    /// A batch create while other batches of the same provider queue are in flight: as <see cref="NonIdempotent"/>,
    /// but a 429 is not retried. It means the queue is full (Anthropic and Gemini answer a create over the batch queue
    /// with 429), and retrying with back-off only delays the run's admission, which waits for a batch to end.
    /// </summary>
    CreateWhileQueued,
}
