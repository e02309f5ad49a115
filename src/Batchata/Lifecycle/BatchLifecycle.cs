namespace Batchata;

/// <summary>
/// The one place that knows which <see cref="BatchPhase"/> may follow which. The tracker, the resumer, the
/// state store and the display ask here instead of comparing status words.
/// </summary>
internal static class BatchLifecycle
{
    /// <summary>Whether a batch may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(BatchPhase from, BatchPhase to) => (from, to) switch
    {
        (BatchPhase.Planned, BatchPhase.Creating) => true,
        (BatchPhase.Creating, BatchPhase.InFlight or BatchPhase.Failed) => true,
        (BatchPhase.InFlight, BatchPhase.InFlight or BatchPhase.Cancelling or BatchPhase.Ended or BatchPhase.Expired or BatchPhase.Failed) => true,
        (BatchPhase.Cancelling, BatchPhase.Cancelling or BatchPhase.Ended or BatchPhase.Expired or BatchPhase.Failed) => true,
        (BatchPhase.Ended or BatchPhase.Expired or BatchPhase.Failed, BatchPhase.Collected) => true,
        _ => false,
    };

    /// <summary>The next phase; throws when the move is not allowed (a bug in the engine, never a provider's doing).</summary>
    public static BatchPhase Move(BatchPhase from, BatchPhase to)
        => CanMove(from, to) ? to : throw new InvalidOperationException($"A provider batch cannot move from {from} to {to}.");

    /// <summary>
    /// The phase after a poll reported <paramref name="observed"/>: a batch this run is cancelling stays
    /// <see cref="BatchPhase.Cancelling"/> while the provider still reports it running.
    /// </summary>
    public static BatchPhase Observe(BatchPhase current, BatchPhase observed)
        => current == BatchPhase.Cancelling && observed == BatchPhase.InFlight ? BatchPhase.Cancelling : Move(current, observed);

    /// <summary>Whether the provider will not change the batch any more (its results, if any, can be read).</summary>
    public static bool IsTerminalAtProvider(BatchPhase phase) => phase is BatchPhase.Ended or BatchPhase.Expired or BatchPhase.Failed or BatchPhase.Collected;

    /// <summary>Whether a recorded batch is still open: it may exist at the provider and its jobs are not settled (a later run re-attaches it).</summary>
    public static bool IsOpen(BatchPhase phase) => phase is BatchPhase.Planned or BatchPhase.Creating or BatchPhase.InFlight or BatchPhase.Cancelling;

    /// <summary>The phases <see cref="IsOpen"/> accepts, for queries.</summary>
    public static IReadOnlyList<BatchPhase> OpenPhases { get; } = [.. Enum.GetValues<BatchPhase>().Where(IsOpen)];

    /// <summary>
    /// Reads a phase from the state store. Files written before phases existed hold the older words
    /// (Submitted, CancelRequested, Abandoned), which still resume.
    /// </summary>
    public static BatchPhase FromStored(string stored) => stored switch
    {
        _ when Enum.TryParse<BatchPhase>(stored, ignoreCase: false, out var phase) && Enum.IsDefined(phase) => phase,
        nameof(LegacyStoredStatus.Submitted) => BatchPhase.InFlight,
        nameof(LegacyStoredStatus.CancelRequested) => BatchPhase.Cancelling,
        nameof(LegacyStoredStatus.Abandoned) => BatchPhase.Failed,
        _ => throw new FormatException($"'{stored}' is not a batch phase."),
    };

    /// <summary>The words state files of schema version 2 and older used for a batch's status (read, never written).</summary>
    internal enum LegacyStoredStatus
    {
        Submitted,
        CancelRequested,
        Abandoned,
    }
}
