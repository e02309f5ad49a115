namespace Batchata;

/// <summary>A provider batch as last seen, normalised by the provider's state parser.</summary>
/// <param name="Id">The provider's batch id.</param>
/// <param name="RawStatus">The provider's own status word (in_progress, ended, validating, BATCH_STATE_RUNNING, ...), for display only.</param>
/// <param name="Phase">The provider's word in Batchata's terms: <see cref="BatchPhase.InFlight"/>, <see cref="BatchPhase.Cancelling"/>, or one of the terminal <see cref="BatchPhase.Ended"/>, <see cref="BatchPhase.Expired"/>, <see cref="BatchPhase.Failed"/>.</param>
/// <param name="ResultsAvailable">Whether <see cref="IBatchProvider.ReadResultsAsync"/> can be called (terminal with per-request results).</param>
/// <param name="FailureMessage">For a batch that failed as a whole (OpenAI validation, Gemini FAILED/EXPIRED without results): why.</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="Done">Requests finished so far (as far as the provider tells).</param>
/// <param name="Failed">Requests failed so far (as far as the provider tells).</param>
internal sealed record ProviderBatchState(
    string Id,
    string RawStatus,
    BatchPhase Phase,
    bool ResultsAvailable,
    string? FailureMessage = null,
    int Total = 0,
    int Done = 0,
    int Failed = 0)
{
    /// <summary>Gets a value indicating whether the batch will not change any more.</summary>
    public bool IsTerminal => BatchLifecycle.IsTerminalAtProvider(Phase);
}
