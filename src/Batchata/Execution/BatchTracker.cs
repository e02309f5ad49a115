using System.Diagnostics;

namespace Batchata;

/// <summary>
/// Follows one provider batch to its end: creates it (write-ahead), polls it, cancels it when the run stops,
/// then collects its results and ends every one of its jobs exactly once.
/// </summary>
internal sealed partial class BatchTracker
{
    /// <summary>Consecutive failed polls after which the batch is left for a later resume.</summary>
    private const int MaxPollFailures = 8;

    private static readonly TimeSpan MinPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMinutes(1);

    private readonly RunContext _run;
    private readonly StopSignal _stop;
    private readonly TrackedBatch _batch;
    private RequestSpool? _requests;

    public BatchTracker(RunContext run, StopSignal stop, TrackedBatch batch, RequestSpool? requests)
    {
        _run = run;
        _stop = stop;
        _batch = batch;
        _requests = requests;
    }

    public async Task RunAsync()
    {
        using var activity = Telemetry.StartBatch(_batch.Provider.Name, _batch.Model, _batch.Tag, _batch.JobIds.Count, _batch.BatchId);
        var inFlight = false;
        try
        {
            if (_batch.BatchId is null && !await CreateAsync().ConfigureAwait(false))
            {
                activity?.SetStatus(ActivityStatusCode.Error, "create failed");
                return;
            }

            Telemetry.InFlight(_batch.Provider.Name, +1, activity, _batch.BatchId!);
            inFlight = true;
            if (await PollAsync().ConfigureAwait(false) is { } state)
            {
                if (IsQueueRejection(state) && TryWaitForQueue(state.FailureMessage, atCreate: false))
                {
                    return;
                }

                activity?.AddEvent(new ActivityEvent("collect"));
                await CollectAsync(state).ConfigureAwait(false);
            }
        }
        finally
        {
            if (inFlight)
            {
                Telemetry.InFlight(_batch.Provider.Name, -1, null, null);
            }

            _requests?.Dispose();
            _run.Sink.Flush();
            _run.Queues.Finished(_batch);
            _batch.ReleaseJobIds();
            _run.Report();
        }
    }

    /// <summary>OpenAI refuses a batch over the model's enqueued-token limit by failing it with <c>token_limit_exceeded</c> (openai/openai-python#2084); nothing ran, nothing is billed.</summary>
    private static bool IsQueueRejection(ProviderBatchState state)
        => state.IsTerminal && !state.ResultsAvailable && state.FailureMessage?.Contains("token_limit_exceeded", StringComparison.Ordinal) == true;

    /// <summary>A create refused with 429: nothing was created (the answer proves it) and the provider's batch queue is full or it limits the rate; <c>insufficient_quota</c> does not heal by waiting.</summary>
    private static bool IsQueueRejection(ProviderException ex)
        => ex.StatusCode == 429 && ex.ErrorType?.Contains("insufficient_quota", StringComparison.Ordinal) != true;

    /// <summary>
    /// Admission, not failure: the provider refused the batch for its queue, so its jobs go back to pending (no attempt
    /// counted, their reservations released) and are submitted again when the queue has room. Returns false when no
    /// smaller batch can help (one job, nothing else in flight): then the caller ends the jobs.
    /// </summary>
    private bool TryWaitForQueue(string? message, bool atCreate)
    {
        if (!_run.Queues.Rejected(_batch, message, atCreate))
        {
            return false;
        }

        EngineLog.QueueRefused(_run.Logger, _batch.Provider.Name, _batch.Tag, message, _batch.JobCount);
        _run.Sink.Flush();

        // Closed in the store, so no later run re-attaches it: a refused create made nothing (Failed), and a batch the
        // provider failed for its queue has nothing to collect (Collected once its jobs are pending again).
        var closeAs = _batch.Phase == BatchPhase.Creating ? BatchPhase.Failed : BatchPhase.Collected;
        _batch.MoveTo(closeAs);
        _batch.NoteProblem("refused: provider queue full");
        _run.Store.SetBatchPhase(_batch.Row, closeAs, _run.Time.GetUtcNow());
        foreach (var id in _batch.JobIds)
        {
            if (RunningHere(id) is { } job)
            {
                _run.Sink.Requeue(job, _batch.Provider.OneModelPerBatch, countAttempt: false);
            }
        }

        return true;
    }

    private async Task<bool> CreateAsync()
    {
        var gate = _run.CreateGate(_batch.Provider.Name);
        try
        {
            // A stop while waiting for the gate: nothing was sent, so nothing was created or paid.
            await gate.WaitAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await AbandonUnsentAsync().ConfigureAwait(false);
            return false;
        }

        try
        {
            if (_stop.Token.IsCancellationRequested)
            {
                await AbandonUnsentAsync().ConfigureAwait(false);
                return false;
            }

            _batch.MoveTo(BatchPhase.Creating);
            var submission = new BatchSubmission(_batch.Tag, _batch.Model, _requests!)
            {
                KnownBatchIds = _run.Store.ProviderBatchIds(_batch.Provider.Name),
                OthersInQueue = _run.Queues.Room(_batch.Provider, _batch.Model).InFlight > 1,
            };
            if (_run.Settings.RawFiles)
            {
                await RawFiles.WriteRequestsAsync(_run.Settings.ResultsDir, _batch.Tag, _requests!, CancellationToken.None).ConfigureAwait(false);
            }

            // A create under way may finish a short while after a stop (so that its id is recorded and the batch
            // cancelled); past that, or past the grace period, it is abandoned and the intent stays for reconciling.
            string id;
            using (var call = _stop.Call(_stop.CallBound))
            {
                id = await _batch.Provider.CreateBatchAsync(submission, call.Token).ConfigureAwait(false);
            }

            // Recording the outcome ignores the stop: the id must reach the state file.
            _run.Store.RecordBatchSubmitted(_batch.Row, id);
            _batch.Created(id);
            _run.Queues.Accepted(_batch);
            SetBatchId(id);
            EngineLog.BatchCreated(_run.Logger, _batch.Provider.Name, id, _batch.JobIds.Count, _batch.Tag);
            Activity.Current?.AddEvent(new ActivityEvent("create"));
            return true;
        }
        catch (ProviderException ex) when (IsQueueRejection(ex) && TryWaitForQueue(ex.Message, atCreate: true))
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            // The request may have reached the provider: the intent stays recorded as Creating and the next run
            // reconciles it with the provider's list before resubmitting anything.
            EngineLog.BatchCreateFailed(_run.Logger, _batch.Provider.Name, _batch.Tag, "no answer before the run stopped");
            _batch.MoveTo(BatchPhase.Failed);
            _batch.NoteProblem("create unanswered");
            await EndRemainingAsync(StopKind(), $"{StopMessage()} The {_batch.Provider.Name} batch was being created and no answer came before the run stopped, so it may exist at the provider. It stays recorded: the next run looks it up before resubmitting anything, so nothing is paid twice.", null).ConfigureAwait(false);
            return false;
        }
        catch (ProviderException ex)
        {
            // The intent stays recorded as Creating: a later run reconciles it with the provider before resubmitting.
            EngineLog.BatchCreateFailed(_run.Logger, _batch.Provider.Name, _batch.Tag, ex.Message);
            _batch.MoveTo(BatchPhase.Failed);
            _batch.NoteProblem("create failed");
            var rejected = !ex.IsTransient || ex.StatusCode is 429 or 503 or 529;
            var outcome = rejected
                ? "Nothing was paid; run again to resubmit."
                : "The provider may have created the batch before the answer was lost. It stays recorded: the next run looks it up before resubmitting anything, so nothing is paid twice.";
            await EndRemainingAsync(JobFailureKind.NotSubmitted, $"The {_batch.Provider.Name} batch could not be created: {ex.Message} {outcome}", ex.ErrorType).ConfigureAwait(false);
            if (!ex.IsTransient)
            {
                _run.Store.SetBatchPhase(_batch.Row, BatchPhase.Failed, _run.Time.GetUtcNow());
            }

            return false;
        }
        finally
        {
            gate.Release();
            _requests?.Dispose(); // created or not, the lines are no longer needed
            _requests = null;
        }
    }

    /// <summary>The run stopped before this batch's create was sent: its jobs end unsubmitted and the intent is closed.</summary>
    private async Task AbandonUnsentAsync()
    {
        _batch.MoveTo(BatchPhase.Creating);
        _batch.MoveTo(BatchPhase.Failed);
        var timeLimit = _stop.Reason == StopReason.TimeLimit;
        await EndRemainingAsync(StopKind(), timeLimit ? "Time limit exceeded before this job was submitted." : "Cancelled before this job was submitted.", null).ConfigureAwait(false);
        _run.Store.SetBatchPhase(_batch.Row, BatchPhase.Failed, _run.Time.GetUtcNow());
    }

    private async Task<ProviderBatchState?> PollAsync()
    {
        var failures = 0;
        DateTimeOffset? graceEnds = null;
        while (true)
        {
            ProviderBatchState state;
            var stopping = _stop.Token.IsCancellationRequested;
            try
            {
                using var call = _stop.Call();
                state = await _batch.Provider.GetBatchAsync(_batch.BatchId!, call.Token).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (!stopping && _stop.Token.IsCancellationRequested)
            {
                continue; // the stop cut a poll short: poll again under the stop's rules (cancel, grace)
            }
            catch (Exception ex) when (stopping && ex is OperationCanceledException or ProviderException)
            {
                // Stopping, and the provider does not answer well: ask it once to cancel, then leave the batch
                // recorded for the next run rather than wait on it.
                if (!_batch.CancelSent)
                {
                    await CancelAsync().ConfigureAwait(false);
                }

                EngineLog.GraceExpired(_run.Logger, _batch.BatchId);
                await EndRemainingAsync(StopKind(), $"{StopMessage()} The provider did not answer while the run was stopping; the batch stays recorded and the next run collects it.", null).ConfigureAwait(false);
                return null;
            }
            catch (ProviderException ex) when (ex.IsTransient && ++failures < MaxPollFailures)
            {
                EngineLog.PollFailed(_run.Logger, _batch.BatchId, ex.Message);
                await DelayAsync(PollInterval()).ConfigureAwait(false);
                continue;
            }
            catch (ProviderException ex)
            {
                EngineLog.PollGivenUp(_run.Logger, _batch.BatchId, ex.Message);
                _batch.NoteProblem("unreachable");
                await EndRemainingAsync(JobFailureKind.ProviderError, $"The {_batch.Provider.Name} batch {_batch.BatchId} could not be polled: {ex.Message} It stays recorded; run again to collect it.", ex.ErrorType).ConfigureAwait(false);
                return null;
            }

            _batch.Observe(state);
            EngineLog.BatchPolled(_run.Logger, _batch.Provider.Name, _batch.BatchId!, state.RawStatus, state.Done, _batch.JobIds.Count);
            Telemetry.Polled(state.RawStatus, state.Done);
            _run.Report();
            if (state.IsTerminal)
            {
                return state;
            }

            if (_stop.IsStopped)
            {
                if (!_batch.CancelSent)
                {
                    await CancelAsync().ConfigureAwait(false);
                    graceEnds = _run.Time.GetUtcNow() + _run.Settings.CancelGracePeriod;
                }
                else if (_run.Time.GetUtcNow() >= graceEnds)
                {
                    EngineLog.GraceExpired(_run.Logger, _batch.BatchId);
                    await EndRemainingAsync(StopKind(), StopMessage(), null).ConfigureAwait(false);
                    return null;
                }
            }

            await DelayAsync(_batch.CancelSent ? Min(PollInterval(), TimeSpan.FromSeconds(5)) : PollInterval()).ConfigureAwait(false);
        }
    }

    private async Task CancelAsync()
    {
        _batch.CancelSent = true;
        if (_batch.Phase != BatchPhase.Cancelling)
        {
            _batch.MoveTo(BatchPhase.Cancelling);
        }

        _run.Store.SetBatchPhase(_batch.Row, BatchPhase.Cancelling);
        try
        {
            using var call = _stop.Call();
            await _batch.Provider.CancelBatchAsync(_batch.BatchId!, call.Token).ConfigureAwait(false);
            EngineLog.CancelSent(_run.Logger, _batch.BatchId);
        }
        catch (OperationCanceledException)
        {
            EngineLog.CancelFailed(_run.Logger, _batch.BatchId, "no answer");
        }
        catch (ProviderException ex)
        {
            EngineLog.CancelFailed(_run.Logger, _batch.BatchId, ex.Message);
        }
    }

    private async Task DelayAsync(TimeSpan delay)
    {
        var token = _batch.CancelSent ? _stop.GraceToken : _stop.Token;
        try
        {
            await Task.Delay(delay, _run.Time, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// The fixed interval when one is set (<see cref="Batch.SetPollInterval"/>, else the provider's option), else
    /// adaptive: a twentieth of the batch's age, between 1 second and 1 minute. A batch that ends after L is then
    /// seen at most L/20 late (5%), and an hour-long batch costs about 170 polls rather than 3,600.
    /// </summary>
    private TimeSpan PollInterval()
        => _run.Settings.PollInterval ?? _batch.Provider.PollInterval ?? AdaptivePollInterval(_run.Time.GetUtcNow() - _batch.CreatedAt);

    internal static TimeSpan AdaptivePollInterval(TimeSpan age)
    {
        var interval = age / 20;
        return interval < MinPoll ? MinPoll : interval > MaxPoll ? MaxPoll : interval;
    }

    private JobFailureKind StopKind() => _stop.Reason == StopReason.TimeLimit ? JobFailureKind.TimeLimitExceeded : JobFailureKind.Cancelled;

    private string StopMessage() => _stop.Reason == StopReason.TimeLimit
        ? "Time limit exceeded before this job finished."
        : "Cancelled before this job finished.";
}
