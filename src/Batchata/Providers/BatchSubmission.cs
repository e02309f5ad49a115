namespace Batchata;

/// <summary>What the engine asks a provider to create: one provider batch.</summary>
/// <param name="Tag">A unique tag of this submission (run id + chunk), sent as metadata / display name where the provider has it, used to reconcile after a crash.</param>
/// <param name="Model">The model of the batch (one model per batch for providers that need it; the first job's model otherwise).</param>
/// <param name="Requests">The encoded requests.</param>
internal sealed record BatchSubmission(string Tag, string Model, IReadOnlyList<EncodedRequest> Requests)
{
    /// <summary>
    /// The provider batch ids this run already tracks. <see cref="IBatchProvider.FindBatchAsync"/> must never
    /// return one of these (providers without metadata, like Anthropic, match by time and size).
    /// </summary>
    public IReadOnlySet<string> KnownBatchIds { get; init; } = new HashSet<string>();

    /// <summary>
    /// Whether other batches of this batch's provider queue are in flight: a 429 on create then means the queue is
    /// full, and it goes to admission at once (<see cref="SendMode.CreateWhileQueued"/>) instead of being retried.
    /// </summary>
    public bool OthersInQueue { get; init; }

    /// <summary>How the create is sent: see <see cref="OthersInQueue"/>.</summary>
    public SendMode CreateMode => OthersInQueue ? SendMode.CreateWhileQueued : SendMode.NonIdempotent;

    /// <summary>The total size of the request lines in bytes.</summary>
    public long TotalBytes { get; } = Requests is RequestSpool spool ? spool.TotalBytes : Requests.Sum(r => (long)r.Line.Length);
}
