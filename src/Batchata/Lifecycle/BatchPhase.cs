namespace Batchata;

/// <summary>
/// Where a provider batch is in its life, in Batchata's words. Each provider's state parser maps its own status
/// words onto these; <see cref="BatchLifecycle"/> holds the allowed moves between them.
/// </summary>
/// <remarks>
/// Planned → Creating → InFlight → (Cancelling →) Ended | Expired | Failed → Collected. A create that fails
/// moves Creating → Failed. The provider's own word is kept only for display.
/// </remarks>
public enum BatchPhase
{
    /// <summary>The batch is formed and its intent recorded; its create call has not started.</summary>
    Planned,

    /// <summary>The create call is under way (or, after an interruption, is being reconciled with the provider).</summary>
    Creating,

    /// <summary>The provider accepted the batch and is working on it (validating, queued, running, finalizing).</summary>
    InFlight,

    /// <summary>A cancel was sent (or the provider reports one); the batch is polled until it ends.</summary>
    Cancelling,

    /// <summary>The provider finished the batch (completed, or cancelled with partial results).</summary>
    Ended,

    /// <summary>The provider expired the batch before it finished (results may be partial).</summary>
    Expired,

    /// <summary>The batch failed as a whole: the provider rejected it, or it could not be created.</summary>
    Failed,

    /// <summary>The batch is over and every one of its jobs is settled.</summary>
    Collected,
}
