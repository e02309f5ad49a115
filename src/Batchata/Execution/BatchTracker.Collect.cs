namespace Batchata;

internal sealed partial class BatchTracker
{
    private async Task CollectAsync(ProviderBatchState state)
    {
        var stop = _stop.Reason;
        if (state.ResultsAvailable)
        {
            try
            {
                await CollectResultsAsync(stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ProviderException or OperationCanceledException)
            {
                // The batch ended at the provider but its results could not be downloaded: keep it recorded (open)
                // so that the next run downloads them; nothing that was paid for is lost.
                EngineLog.DownloadFailed(_run.Logger, _batch.BatchId, ex.Message);
                _run.Sink.Flush();
                _batch.NoteProblem("results unavailable");
                await EndRemainingAsync(JobFailureKind.ProviderError, $"The results of {_batch.Provider.Name} batch {_batch.BatchId} could not be downloaded: {(ex is ProviderException ? ex.Message : "the download did not finish before the run stopped.")} The batch stays recorded; run again to collect them.", (ex as ProviderException)?.ErrorType).ConfigureAwait(false);
                return;
            }

            await EndRemainingAsync(
                stop == StopReason.None ? JobFailureKind.MissingResult : StopKind(),
                stop == StopReason.None ? $"The provider's results for batch {_batch.BatchId} did not include this job." : StopMessage(),
                null).ConfigureAwait(false);
        }
        else
        {
            var kind = stop != StopReason.None ? StopKind()
                : state.Phase == BatchPhase.Expired ? JobFailureKind.Expired
                : JobFailureKind.BatchFailed;
            var message = stop != StopReason.None ? StopMessage()
                : $"The {_batch.Provider.Name} batch {_batch.BatchId} ended as {state.RawStatus} without results{(state.FailureMessage is null ? "" : $": {state.FailureMessage}")}.";
            await EndRemainingAsync(kind, message, state.RawStatus).ConfigureAwait(false);
        }

        _run.Sink.Flush();
        _run.Store.SetBatchPhase(_batch.Row, BatchPhase.Collected, _run.Time.GetUtcNow());
        _batch.MoveTo(BatchPhase.Collected);
    }

    private async Task CollectResultsAsync(StopReason stop)
    {
        // Paid results are worth the grace period: the time limit lets a download go on until it ends (or the grace
        // period does); a cancel (Ctrl+C, SIGTERM) ends within seconds, and the batch stays recorded for the next run.
        using var call = _stop.Call(() => _stop.Reason == StopReason.TimeLimit ? _run.Settings.CancelGracePeriod : _stop.CallBound);
        await foreach (var result in _batch.Provider.ReadResultsAsync(_batch.BatchId!, call.Token).ConfigureAwait(false))
        {
            if (RunningHere(result.CustomId) is not { } job)
            {
                continue; // not in this batch, a repeated line, collected by an earlier run, or queued for another batch
            }

            if (_run.Settings.RawFiles && result.RawLine is not null)
            {
                await RawFiles.WriteResponseAsync(_run.Settings.ResultsDir, job.Id, result.RawLine, CancellationToken.None).ConfigureAwait(false);
            }

            if (stop == StopReason.None && _batch.CancelledEarlier && result.Kind == ProviderResultKind.Canceled)
            {
                // An earlier process cancelled this batch and stopped before collecting it (a double Ctrl+C, say): the
                // request never ran and nothing was paid, so this run, which is not stopping, submits it again.
                EngineLog.JobResubmitted(_run.Logger, job.Id, "cancelled by an earlier run before it ran", _batch.BatchId);
                _run.Sink.Requeue(job, _batch.Provider.OneModelPerBatch, countAttempt: false);
                continue;
            }

            if (ShouldRetry(job, result, stop))
            {
                EngineLog.JobResubmitted(_run.Logger, job.Id, result.ErrorType ?? result.Kind.ToString(), _batch.BatchId);
                _run.Sink.Requeue(job, _batch.Provider.OneModelPerBatch);
                continue;
            }

            var mode = job.HasSchema ? job.StructuredMode ?? StoredMode(job) : null;
            var mapped = ResultMapper.Map(job, result, _batch.BatchId!, stop, () => job.ResponseSchema ?? _run.Store.LoadDefinition(job.Id).ResponseSchema, mode);
            await _run.Sink.EndAsync(job, mapped, CostCalculator.StandardCost(job.Model, result.Usage), CancellationToken.None).ConfigureAwait(false);
            _batch.AddCost(mapped.CostUsd);
        }
    }

    /// <summary>The structured mode of a job re-attached after a restart (its definition was not paged in).</summary>
    private string? StoredMode(JobState job)
    {
        var definition = _run.Store.LoadDefinition(job.Id);
        return definition.StructuredMode ?? StructuredModes.Choose(definition, job.Model);
    }

    private bool ShouldRetry(JobState job, ProviderResult result, StopReason stop)
        => stop == StopReason.None
           && result.IsRetryable
           && result.Kind is ProviderResultKind.Errored or ProviderResultKind.Expired
           && job.Attempts + 1 < _run.Settings.MaxAttempts;

    /// <summary>Ends every job still running in this batch: those its results did not settle (and did not requeue).</summary>
    private async Task EndRemainingAsync(JobFailureKind kind, string message, string? errorType)
    {
        foreach (var id in _batch.JobIds)
        {
            if (RunningHere(id) is not { } job)
            {
                continue; // ended already, or requeued for a later batch
            }

            var status = kind == JobFailureKind.Cancelled ? JobStatus.Cancelled : JobStatus.Failed;
            await _run.Sink.EndWithoutAnswerAsync(job, status, kind, message, CancellationToken.None, errorType).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The job, when it is running in this batch. A job that has ended is no longer held, and a requeued one is
    /// pending or in another batch, so this one check covers ids outside the batch, repeated result lines,
    /// jobs an earlier run collected, and retries.
    /// </summary>
    private JobState? RunningHere(string id)
        => _run.State.Find(id) is { Status: JobStatus.Running } job && job.BatchRow == _batch.Row ? job : null;

    private void SetBatchId(string id) => _run.State.SetBatchId(_batch.JobIds, _batch.Row, id);
}
