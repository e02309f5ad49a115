namespace Batchata;

/// <summary>A provider batch as last seen, normalised.</summary>
/// <param name="Id">The provider's batch id.</param>
/// <param name="RawStatus">The provider's own status word (in_progress, ended, validating, BATCH_STATE_RUNNING, ...).</param>
/// <param name="IsTerminal">Whether the batch will not change any more.</param>
/// <param name="ResultsAvailable">Whether <see cref="IBatchProvider.ReadResultsAsync"/> can be called (terminal with per-request results).</param>
/// <param name="FailureMessage">For a batch that failed as a whole (OpenAI validation, Gemini FAILED/EXPIRED without results): why.</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="Done">Requests finished so far (as far as the provider tells).</param>
/// <param name="Failed">Requests failed so far (as far as the provider tells).</param>
internal sealed record ProviderBatchState(
    string Id,
    string RawStatus,
    bool IsTerminal,
    bool ResultsAvailable,
    string? FailureMessage = null,
    int Total = 0,
    int Done = 0,
    int Failed = 0);
