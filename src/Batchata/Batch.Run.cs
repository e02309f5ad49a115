using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Batchata;

public sealed partial class Batch
{
    /// <summary>Runs the batch to the end (or to a limit or cancellation) and returns the run.</summary>
    /// <param name="progress">Receives immutable snapshots at the progress interval and at every change of a provider batch.</param>
    /// <param name="printStatus">Print plain status lines and a final summary to the console (<see cref="TextStatusPrinter"/>).</param>
    /// <param name="dryRun">Plan and price the run without submitting anything (see <see cref="DryRunAsync"/>).</param>
    /// <param name="cancellationToken">Stops the run gracefully: in-flight provider batches are cancelled, partial results kept, the rest of the jobs cancelled, state saved. The method then returns normally.</param>
    /// <returns>The run, with its status and results.</returns>
    /// <exception cref="BatchValidationException">There are no jobs.</exception>
    /// <exception cref="StateStoreException">The state file cannot be used.</exception>
    public async Task<BatchRun> RunAsync(IProgress<BatchProgress>? progress = null, bool printStatus = false, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        if (dryRun)
        {
            var report = await DryRunAsync(cancellationToken).ConfigureAwait(false);
            return BatchRun.ForDryRun(report, ResultsDir);
        }

        if (_spool.Count == 0)
        {
            throw new BatchValidationException("The batch has no jobs: add at least one with AddJob before running it.");
        }

        EnsureNotRun();
        _used = true;
        _tokenizerHold = null; // every job is added: the run needs their estimates, not the tokenizer
        using var activity = Telemetry.Source.StartActivity("batchata.run");
        activity?.SetTag("batchata.jobs", _spool.Count);
        try
        {
            var run = await RunCoreAsync(progress, printStatus, cancellationToken).ConfigureAwait(false);
            _feed.Complete();
            if (activity is not null)
            {
                var s = run.Status();
                activity.SetTag("batchata.jobs.completed", s.Completed);
                activity.SetTag("batchata.jobs.failed", s.Failed);
                activity.SetTag("batchata.jobs.cancelled", s.Cancelled);
                activity.SetTag("batchata.cost_usd", (double)s.CostUsd);
                activity.SetTag("batchata.stop_reason", run.StopReason.ToString());
            }

            return run;
        }
        catch (Exception ex)
        {
            _feed.Complete(ex);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    /// <summary>
    /// Yields each job's result as this batch's run writes it (completed, failed or cancelled), without waiting for the
    /// run to end; the sequence ends when the run ends. Call it before or while <see cref="RunAsync"/> runs: it sees the
    /// results written from the moment of the call (jobs completed by an earlier run that is resumed are not repeated;
    /// <see cref="BatchRun.Results"/> has them all).
    /// </summary>
    /// <param name="cancellationToken">Stops the enumeration (not the run).</param>
    /// <returns>The results, in the order they are written.</returns>
    /// <example><code>
    /// var results = batch.ResultsAsync(ct);
    /// var running = batch.RunAsync(cancellationToken: ct);
    /// await foreach (var result in results) { Console.WriteLine($"{result.JobId}: {result.Status}"); }
    /// var run = await running;
    /// </code></example>
    public IAsyncEnumerable<JobResult> ResultsAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _feed.Subscribe().ReadAllAsync(cancellationToken);
    }

    private async Task<BatchRun> RunCoreAsync(IProgress<BatchProgress>? progress, bool printStatus, CancellationToken cancellationToken)
    {
        var statePath = StateFile ?? Path.Combine(ResultsDir, ".batchata", "state.db");
        var logger = _logging.CreateLogger(EngineLog.Category);

        // Before anything is locked, recorded or paid: the results directory must be one that can be written.
        ResultsDirectoryCheck.EnsureWritable(ResultsDir);

        // One writer per results directory and state file, for the whole run (released when the process ends, however it ends).
        using var runLock = RunLock.Acquire(_timeProvider, RunLock.PathFor(statePath), RunLock.PathForResults(ResultsDir));
        try
        {
            return await RunLockedAsync(statePath, logger, progress, printStatus, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw RunStore.Failed(statePath, ex);
        }
    }

    private async Task<BatchRun> RunLockedAsync(string statePath, ILogger logger, IProgress<BatchProgress>? progress, bool printStatus, CancellationToken cancellationToken)
    {
        if (!ReuseState && RunStore.MoveAside(statePath, _timeProvider) is { } aside)
        {
            EngineLog.FreshStart(logger, aside);
        }

        ResultFileWriter.RemoveStaleTempFiles(ResultsDir);
        using var store = RunStore.Open(statePath, _timeProvider);
        ChangedJobs.Check(store, _spool.ReadEntries(), RerunChangedJobs, ResultsDir, _timeProvider, logger);
        var settings = new RunSettings(ResultsDir, MaxParallelBatches, ItemsPerBatch, CostLimitUsd, TimeLimit, RawFilesEnabled, MaxAttempts, RetryFailedJobs, CancelGracePeriod, ProgressInterval)
        {
            QueueLimits = [.. _queueLimits],
            PollInterval = PollInterval,
            MaxJobsInFlight = MaxJobsInFlight,
        };
        var state = new RunState(new CostLedger(CostLimitUsd, store.SpentUsd()), _timeProvider);
        using var sink = new ResultSink(ResultsDir, store, state) { Feed = _feed };
        var display = printStatus ? new TextStatusPrinter(Console.Out, _timeProvider) : null;
        if (printStatus)
        {
            _warnings.EchoTo(Console.Error);
        }

        var sinks = ProgressFanOut.Combine(progress, display);
        var context = new RunContext(settings, store, state, sink, Registry, _catalog, _timeProvider, logger, sinks) { Warnings = _warnings, AdoptResultFiles = ReuseState };
        var stop = await new RunEngine(context, _spool.ReadEntries()).RunAsync(cancellationToken).ConfigureAwait(false);
        var run = new BatchRun(state, ResultsDir, store.Path, stop, _timeProvider.GetElapsedTime(state.StartedAt)) { Warnings = _warnings.Items, JobIds = _spool.Ids };
        display?.Complete(run);
        return run;
    }

    /// <summary>The synchronous twin of <see cref="RunAsync"/>.</summary>
    /// <param name="progress">Receives progress snapshots.</param>
    /// <param name="printStatus">Print plain status lines and a final summary to the console.</param>
    /// <param name="dryRun">Plan and price without submitting.</param>
    /// <param name="cancellationToken">Stops the run gracefully.</param>
    /// <returns>The run.</returns>
    public BatchRun Run(IProgress<BatchProgress>? progress = null, bool printStatus = false, bool dryRun = false, CancellationToken cancellationToken = default)
        => RunAsync(progress, printStatus, dryRun, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Gets or sets how often progress snapshots are sent. <value>The default value is 1 second.</value></summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);
}
