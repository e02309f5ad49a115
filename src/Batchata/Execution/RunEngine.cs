namespace Batchata;

/// <summary>
/// Runs a batch: resumes the state file, re-attaches in-flight provider batches, plans and submits the
/// pending jobs (at most <c>maxParallelBatches</c> batches in flight per provider, within the providers' queue limits), polls and collects, and on a stop
/// (time limit or cancellation) cancels what is in flight, keeps partial results and ends the rest.
/// </summary>
internal sealed class RunEngine
{
    private readonly RunContext _run;
    private readonly IEnumerable<SpooledJob> _jobs;

    public RunEngine(RunContext run, IEnumerable<SpooledJob> jobs)
    {
        _run = run;
        _jobs = jobs;
    }

    public async Task<StopReason> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = new StopSignal(_run.Settings.TimeLimit, _run.Time, cancellationToken, _run.Settings.CancelGracePeriod);

        var trackers = new List<Task>();
        foreach (var batch in await new RunResumer(_run, stop).ResumeAsync(_jobs).ConfigureAwait(false))
        {
            _run.Queues.Started(batch);
            trackers.Add(Task.Run(new BatchTracker(_run, stop, batch, null).RunAsync, CancellationToken.None));
        }

        _run.Report(force: true);
        var planner = new BatchPlanner(_run);
        var nextChunk = _run.Store.NextChunkNumber();
        var idle = 0;
        while (true)
        {
            var roomOpened = _run.Queues.RoomOpened;
            while (!stop.IsStopped && planner.TakeChunk() is { } chunk)
            {
                await EndRejectedAsync(planner).ConfigureAwait(false);
                trackers.Add(Task.Run(Submit(chunk, nextChunk++, stop).RunAsync, CancellationToken.None));
            }

            var ended = planner.Rejected.Count;
            await EndRejectedAsync(planner).ConfigureAwait(false);
            if (trackers.Count == 0)
            {
                if (stop.IsStopped || !_run.State.HasPending)
                {
                    break;
                }

                if (ended > 0)
                {
                    idle = 0; // the planner moved: it ended jobs it could not plan (a cost limit can refuse thousands)
                    continue;
                }

                // Nothing in flight can end a queue's wait any more: forget the waits and plan again. Jobs still pending
                // after that with nothing in flight would mean a planner that cannot move, which must not spin.
                _run.Queues.ClearWaits();
                if (++idle > 2)
                {
                    throw new InvalidOperationException("The planner could not submit the pending jobs and nothing is in flight. The state file keeps them; run again.");
                }

                continue;
            }

            idle = 0;

            if (await NextFinishedAsync(trackers, roomOpened).ConfigureAwait(false) is not { } finished)
            {
                continue; // a queue learned it holds more: plan again
            }

            trackers.Remove(finished);
            if (finished.IsFaulted)
            {
                // An unexpected failure (a result file that cannot be written, say): stop submitting, let the other
                // batches finish and record their state, then surface the error. The state file keeps what is open.
                EngineLog.PipelineFailed(_run.Logger, finished.Exception);
                await Task.WhenAll(trackers.Select(t => t.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))).ConfigureAwait(false);
                _run.Sink.Flush();
                await finished.ConfigureAwait(false);
            }
        }

        await EndUnsubmittedAsync(planner, stop.Reason).ConfigureAwait(false);
        _run.Sink.Flush();
        _run.Report(force: true);
        return stop.Reason;
    }

    /// <summary>
    /// Waits for a tracker to finish, or for a queue to open room (then returns null), sending a progress snapshot every
    /// progress interval meanwhile (a heartbeat: the elapsed time and the queue waits move even when no poll answers).
    /// </summary>
    private async Task<Task?> NextFinishedAsync(List<Task> trackers, Task roomOpened)
    {
        var any = Task.WhenAny(trackers);
        while (true)
        {
            using var beat = new CancellationTokenSource();
            var heartbeat = Task.Delay(_run.Settings.ProgressInterval, _run.Time, beat.Token);
            var next = await Task.WhenAny(any, roomOpened, heartbeat).ConfigureAwait(false);
            if (next == any)
            {
                await beat.CancelAsync().ConfigureAwait(false);
                return await any.ConfigureAwait(false);
            }

            if (next == roomOpened)
            {
                await beat.CancelAsync().ConfigureAwait(false);
                return null;
            }

            _run.Report(force: true);
        }
    }

    private BatchTracker Submit(PlannedChunk chunk, int number, StopSignal stop)
    {
        var tag = $"batchata-{_run.Store.RunId}-{number:D4}";
        var ids = chunk.Jobs.Select(j => j.Id).ToList();
        var now = _run.Time.GetUtcNow();

        // Buffered settlements first (a retried job's return to pending, say), so that none lands after the intent.
        _run.Sink.Flush();
        var row = _run.Store.RecordBatchIntent(tag, chunk.Provider.Name, chunk.Model, ids, chunk.ReservedUsd, now);
        _run.State.MarkRunning(chunk.Jobs, row);

        var tracked = new TrackedBatch { Row = row, Tag = tag, Provider = chunk.Provider, Model = chunk.Model, JobIds = ids, CreatedAt = now, Phase = BatchPhase.Planned, EnqueuedTokens = chunk.EnqueuedTokens };
        _run.State.Track(tracked);
        _run.Queues.Started(tracked);
        return new BatchTracker(_run, stop, tracked, chunk.Requests);
    }

    private async Task EndRejectedAsync(BatchPlanner planner)
    {
        var overLimit = 0;
        foreach (var (job, kind, error) in planner.Rejected)
        {
            overLimit += kind == JobFailureKind.CostLimitExceeded ? 1 : 0;
            await _run.Sink.EndWithoutAnswerAsync(job, JobStatus.Failed, kind, error, CancellationToken.None).ConfigureAwait(false);
        }

        if (overLimit > 0)
        {
            var warning = $"{overLimit} job(s) were not submitted because their worst-case cost does not fit under the ${_run.Settings.CostLimitUsd:0.00##} cost limit; they failed with \"Cost limit exceeded\". Raise the limit and run again to submit them.";
            EngineLog.CostLimitRefused(_run.Logger, warning);
            _run.Warnings.Add(warning);
        }

        planner.Rejected.Clear();
    }

    /// <summary>After a stop, the jobs never submitted (queued or still in the store) end as failed (time limit) or cancelled, a page at a time.</summary>
    private async Task EndUnsubmittedAsync(BatchPlanner planner, StopReason reason)
    {
        var timeLimit = reason == StopReason.TimeLimit;
        var ended = 0;
        while (planner.TakeUnsubmitted(1_000) is { Count: > 0 } left)
        {
            foreach (var job in left)
            {
                await _run.Sink.EndWithoutAnswerAsync(
                    job,
                    timeLimit ? JobStatus.Failed : JobStatus.Cancelled,
                    timeLimit ? JobFailureKind.TimeLimitExceeded : JobFailureKind.Cancelled,
                    timeLimit ? "Time limit exceeded before this job was submitted." : "Cancelled before this job was submitted.",
                    CancellationToken.None).ConfigureAwait(false);
            }

            ended += left.Count;
        }

        if (ended > 0)
        {
            EngineLog.NotSubmitted(_run.Logger, ended, timeLimit ? "time limit exceeded" : "cancelled");
        }
    }
}
