namespace Batchata;

/// <summary>The words a provider batch is shown with: the display's only knowledge of batch states.</summary>
internal static class BatchPhaseText
{
    /// <summary>
    /// The status shown for a batch: a problem the tracker noted, else the provider's own word while the provider
    /// owns the batch, else Batchata's word for the phase.
    /// </summary>
    public static string Of(BatchPhase phase, string? providerStatus, string? problem) => problem ?? phase switch
    {
        BatchPhase.Planned => "planned",
        BatchPhase.Creating => "creating",
        BatchPhase.Collected => "collected",
        _ => providerStatus ?? phase switch
        {
            BatchPhase.InFlight => "in flight",
            BatchPhase.Cancelling => "cancelling",
            BatchPhase.Ended => "ended",
            BatchPhase.Expired => "expired",
            _ => "failed",
        },
    };
}
