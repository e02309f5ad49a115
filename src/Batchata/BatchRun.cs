namespace Batchata;

/// <summary>A finished (or stopped) run: its status and its results.</summary>
public sealed class BatchRun
{
    private readonly RunState? _state;
    private readonly BatchStatus _finalStatus;

    internal BatchRun(RunState state, string resultsDir, string stateFile, StopReason stopReason, TimeSpan elapsed)
    {
        _state = state;
        _finalStatus = state.Status();
        ResultsDir = resultsDir;
        StateFile = stateFile;
        StopReason = stopReason;
        Elapsed = elapsed;
    }

    private BatchRun(DryRunReport report, string resultsDir)
    {
        _finalStatus = new BatchStatus { Total = report.TotalJobs, Pending = report.TotalJobs };
        ResultsDir = resultsDir;
        StateFile = "";
        DryRun = report;
    }

    /// <summary>Gets the results directory.</summary>
    public string ResultsDir { get; }

    /// <summary>Gets the state file.</summary>
    public string StateFile { get; }

    /// <summary>Gets how long the run took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// Gets the warnings that need attention, also sent to the logger (a deprecated model, jobs refused by the cost
    /// limit), so that they reach the user without a logger factory.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; internal init; } = [];

    /// <summary>Gets the dry-run report, when the run was a dry run (nothing was submitted).</summary>
    public DryRunReport? DryRun { get; }

    /// <summary>Gets a value indicating whether every job ended (completed, failed or cancelled).</summary>
    public bool IsComplete => DryRun is null && _finalStatus.IsComplete;

    /// <summary>Gets a value indicating whether the run was stopped by the caller's cancellation.</summary>
    public bool WasCancelled => StopReason == StopReason.Cancelled;

    /// <summary>Gets a value indicating whether the time limit stopped the run.</summary>
    public bool TimeLimitReached => StopReason == StopReason.TimeLimit;

    internal StopReason StopReason { get; }

    /// <summary>The most jobs the engine held in memory at once (for tests of bounded memory).</summary>
    internal int PeakHeldJobs => _state?.PeakHeldJobs ?? 0;

    /// <summary>Gets the counts and cost of the run.</summary>
    /// <returns>The status.</returns>
    public BatchStatus Status() => _state?.Status() ?? _finalStatus;

    /// <summary>Gets the ids of this run's jobs (those the batch was given), in the order they were added.</summary>
    internal IReadOnlyCollection<string> JobIds { get; init; } = [];

    /// <summary>
    /// Reads the result files of this run's jobs — the jobs the batch was given, in the order they were added — split
    /// by status. Other jobs stored in the same results directory by earlier runs are not included; read the whole
    /// directory with <see cref="BatchResults.Load"/>.
    /// </summary>
    /// <returns>The results.</returns>
    /// <exception cref="StateStoreException">The state file cannot be read.</exception>
    public BatchResults Results()
        => DryRun is not null ? new BatchResults([]) : BatchResults.Read(ResultsDir, StateFile, JobIds);

    internal static BatchRun ForDryRun(DryRunReport report, string resultsDir) => new(report, resultsDir);
}
