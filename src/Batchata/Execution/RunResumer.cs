namespace Batchata;

/// <summary>
/// Merges the builder's jobs with the state file and decides what each job needs: completed jobs are never
/// paid for again; jobs of open provider batches wait for those batches (re-attached, never resubmitted);
/// failed jobs stay failed unless the user asked to retry them (jobs stopped by a limit or a cancel are
/// resumed); everything else is queued. A batch whose create was interrupted is looked up at the provider first.
/// </summary>
internal sealed class RunResumer
{
    private readonly RunContext _run;
    private readonly StopSignal _stop;

    public RunResumer(RunContext run, StopSignal? stop = null)
    {
        _run = run;
        _stop = stop ?? StopSignal.Never(run.Time);
    }

    /// <summary>Merges the builder's jobs (streamed once, in order) with the state file and queues what needs submitting.</summary>
    public async Task<List<TrackedBatch>> ResumeAsync(IEnumerable<SpooledJob> builderJobs)
    {
        if (_run.AdoptResultFiles && ResultFiles.Any() && _run.Store.CountJobs().Values.Sum() == 0)
        {
            // A results directory with result files but no state (deleted, or a first run of an older layout): the
            // jobs whose completed result files are there are adopted, not paid for again. They are inserted first,
            // so that the pass below counts them like any stored job.
            AddNewJobs(builderJobs, count: false);
            AdoptCompletedResultFiles();
            builderJobs = [];
        }

        var openBatches = _run.Store.LoadOpenBatches();
        var inOpenBatch = new Dictionary<string, StoredBatch>(StringComparer.Ordinal);
        foreach (var batch in openBatches)
        {
            foreach (var id in batch.JobIds)
            {
                inOpenBatch[id] = batch;
            }
        }

        // The stored jobs are streamed, not loaded: only those in open batches are held (their results will be joined).
        var resets = new List<JobSettlement>();
        int storedCount = 0, skipped = 0;
        _run.Store.ForEachJob(job =>
        {
            storedCount++;
            var model = _run.StoredModel(job.Model, job.Id);
            var expected = JobState.ExpectedCost(model, job.EstimatedInputTokens, job.MaxTokens);
            if (job.Status == JobStatus.Completed)
            {
                // Settled by an earlier run: its real-time price from the stored usage (cache splits are not stored, so cached input counts at the input price).
                _run.State.CountStored(JobStatus.Completed, CostCalculator.StandardCost(model, new TokenUsage(job.InputTokens, job.OutputTokens)), expected);
                skipped++;
            }
            else if (inOpenBatch.TryGetValue(job.Id, out var batch))
            {
                // In a provider batch in flight: held, so that its result can be joined when the batch is collected.
                var state = new JobState(job.Id, model, job.EstimatedInputTokens, job.MaxTokens, job.ResponseTypeName, job.HasSchema)
                {
                    Attempts = job.Attempts,
                    Status = JobStatus.Running,
                    BatchRow = batch.Row,
                    BatchId = batch.ProviderBatchId,
                };
                _run.State.Reattach(state, CostCalculator.WorstCaseBatchCost(model, job.EstimatedInputTokens, job.MaxTokens));
            }
            else if (job.Status == JobStatus.Failed && !_run.Settings.RetryFailed && !IsResumable(job.FailureKind))
            {
                _run.State.CountStored(JobStatus.Failed, 0, job.CostUsd > 0 ? expected : 0);
            }
            else
            {
                if (job.Status != JobStatus.Pending)
                {
                    resets.Add(new JobSettlement(job.Id, JobStatus.Pending, null, JobFailureKind.None, 0, 0, 0, null));
                }

                _run.State.CountStored(JobStatus.Pending);
            }
        });

        _run.Store.SettleJobs(resets);
        RestoreResultFiles();
        var added = AddNewJobs(builderJobs);

        // The pending jobs stay in the store; the planner pages them in group by group, a batch at a time.
        foreach (var (provider, model, count) in _run.Store.PendingGroups())
        {
            _run.State.AddStoredGroup(provider, _run.Providers.Get(provider).OneModelPerBatch ? model : null, count);
        }

        if (storedCount > 0)
        {
            EngineLog.Resuming(_run.Logger, _run.Store.Path, skipped, openBatches.Count, added);
        }

        var tracked = new List<TrackedBatch>();
        foreach (var batch in openBatches)
        {
            if (await ReattachAsync(batch).ConfigureAwait(false) is { } reattached)
            {
                tracked.Add(reattached);
            }
        }

        return tracked;
    }

    /// <summary>
    /// Writes the builder's jobs that the state file does not know yet, a thousand per transaction, as pending
    /// (a job whose id the file has keeps its stored definition and state). They are not held: the planner pages
    /// them in from the store.
    /// </summary>
    private int AddNewJobs(IEnumerable<SpooledJob> builderJobs, bool count = true)
    {
        const int ChunkSize = 1_000;
        var chunk = new List<SpooledJob>(ChunkSize);
        var added = 0;
        foreach (var job in builderJobs)
        {
            chunk.Add(job);
            if (chunk.Count == ChunkSize)
            {
                added += Insert(chunk);
            }
        }

        return added + Insert(chunk);

        int Insert(List<SpooledJob> jobs)
        {
            var inserted = _run.Store.InsertJobs(jobs);
            for (var i = 0; count && i < inserted; i++)
            {
                _run.State.CountStored(JobStatus.Pending);
            }

            jobs.Clear();
            return inserted;
        }
    }

    private IEnumerable<string> ResultFiles => Directory.Exists(_run.Settings.ResultsDir)
        ? Directory.EnumerateFiles(_run.Settings.ResultsDir, "*.json")
        : [];

    /// <summary>Marks completed every job whose result file says, for that job id, that it completed.</summary>
    private void AdoptCompletedResultFiles()
    {
        var settlements = new List<JobSettlement>();
        var adoptedCount = 0;
        var adoptedCost = 0m;
        foreach (var id in _run.Store.JobIds())
        {
            var path = Path.Combine(_run.Settings.ResultsDir, id + ".json");
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                var bytes = File.ReadAllBytes(path);
                if (System.Text.Json.JsonSerializer.Deserialize(bytes, JsonDefaults.ResultFileInfo) is { Status: JobStatus.Completed } result
                    && string.Equals(result.JobId, id, StringComparison.Ordinal))
                {
                    // The adopted file becomes the stored answer, so that it too is rewritten if it is lost later.
                    settlements.Add(new JobSettlement(id, JobStatus.Completed, null, JobFailureKind.None, result.CostUsd, result.InputTokens, result.OutputTokens, path) { Answer = StoredAnswer.Compress(bytes) });
                    adoptedCount++;
                    adoptedCost += result.CostUsd;
                    if (settlements.Count == 1_000)
                    {
                        _run.Store.SettleJobs(settlements);
                        settlements.Clear();
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                // Unreadable: the job is submitted like any other.
            }
        }

        _run.Store.SettleJobs(settlements);
        if (adoptedCount > 0)
        {
            // Paid in an earlier run: spent, as a resumed state file would have said.
            _run.State.AddSpent(adoptedCost);

            EngineLog.AdoptedResultFiles(_run.Logger, adoptedCount, _run.Settings.ResultsDir);
        }
    }

    /// <summary>
    /// Rewrites, from the answers kept in the state file, the result files of completed jobs that are missing or
    /// unreadable, so that they are not paid for again. The answers are streamed: only the ids of the damaged files
    /// are held. A file whose length is the stored one is taken as intact without being parsed (a resume of 100,000
    /// jobs stats each file; it reads only the ones that changed).
    /// </summary>
    private void RestoreResultFiles()
    {
        var damaged = new List<string>();
        _run.Store.ForEachStoredAnswer((id, length) =>
        {
            if (!IsIntact(id, _run.Sink.PathOf(id), length))
            {
                damaged.Add(id);
            }
        });

        var rewritten = new List<string>();
        foreach (var id in damaged)
        {
            if (_run.Store.LoadAnswer(id) is { } bytes)
            {
                var path = _run.Sink.PathOf(id);
                ResultFileWriter.Write(bytes, path);
                _run.Store.SettleResultPath(id, path);
                rewritten.Add(id);
            }
        }

        if (rewritten.Count > 0)
        {
            EngineLog.RewroteResultFiles(_run.Logger, rewritten.Count, string.Join(", ", rewritten.Take(10)) + (rewritten.Count > 10 ? $" and {rewritten.Count - 10} more" : ""));
        }
    }

    private static bool IsIntact(string id, string path, long length)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return false;
        }

        if (file.Length == length)
        {
            return true;
        }

        try
        {
            using var stream = file.OpenRead();
            return System.Text.Json.JsonSerializer.Deserialize(stream, JsonDefaults.ResultFileInfo) is { Status: JobStatus.Completed } result
                && string.Equals(result.JobId, id, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Jobs that ended without a provider's verdict (a limit, a cancel, a batch never created) are resumed.</summary>
    private static bool IsResumable(JobFailureKind kind)
        => kind is JobFailureKind.TimeLimitExceeded or JobFailureKind.CostLimitExceeded or JobFailureKind.Cancelled or JobFailureKind.NotSubmitted;

    private async Task<TrackedBatch?> ReattachAsync(StoredBatch stored)
    {
        var provider = _run.Providers.Get(stored.Provider);
        var tracked = new TrackedBatch
        {
            Row = stored.Row,
            Tag = stored.Tag,
            Provider = provider,
            Model = stored.Model,
            JobIds = stored.JobIds,
            CreatedAt = stored.CreatedAt,
            BatchId = stored.ProviderBatchId,
            Phase = stored.Phase == BatchPhase.Planned ? BatchPhase.Creating : stored.Phase,
            CancelledEarlier = stored.Phase == BatchPhase.Cancelling,
        };

        if (stored.ProviderBatchId is null)
        {
            var submission = new BatchSubmission(stored.Tag, stored.Model, stored.JobIds.Select(id => new EncodedRequest(id, ReadOnlyMemory<byte>.Empty)).ToList())
            {
                KnownBatchIds = _run.Store.ProviderBatchIds(provider.Name),
            };
            string? found;
            try
            {
                using var call = _stop.Call();
                found = await provider.FindBatchAsync(submission, stored.CreatedAt.AddMinutes(-5), call.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ProviderException or OperationCanceledException)
            {
                // Not known whether the batch exists: it stays recorded as it is, and its jobs wait for a later run.
                var reason = ex is ProviderException ? ex.Message : "the run stopped first";
                foreach (var id in stored.JobIds)
                {
                    if (_run.State.Find(id) is { Status: JobStatus.Running } job && job.BatchRow == stored.Row)
                    {
                        await _run.Sink.EndWithoutAnswerAsync(job, JobStatus.Failed, JobFailureKind.ProviderError, $"Could not learn from {provider.Name} whether batch {stored.Tag} was created ({reason}). It stays recorded; run again, and it is looked up before anything is resubmitted.", CancellationToken.None).ConfigureAwait(false);
                    }
                }

                return null;
            }

            if (found is null)
            {
                EngineLog.NeverCreated(_run.Logger, stored.Tag, provider.Name, stored.JobIds.Count);
                _run.Store.SetBatchPhase(stored.Row, BatchPhase.Failed, _run.Time.GetUtcNow());
                RequeueJobsOf(stored);
                return null;
            }

            _run.Store.RecordBatchSubmitted(stored.Row, found);
            tracked.Created(found);
            EngineLog.Reattached(_run.Logger, stored.Tag, provider.Name, found);
        }

        _run.State.Track(tracked);
        return tracked;
    }

    private void RequeueJobsOf(StoredBatch stored)
    {
        var resets = new List<JobSettlement>();
        foreach (var id in stored.JobIds)
        {
            if (_run.State.Find(id) is { Status: JobStatus.Running } job && job.BatchRow == stored.Row)
            {
                _run.State.Requeue(job, _run.Providers.Get(job.Provider).OneModelPerBatch, countAttempt: false);
                resets.Add(new JobSettlement(id, JobStatus.Pending, null, JobFailureKind.None, 0, 0, 0, null));
            }
        }

        _run.Store.SettleJobs(resets);
    }
}
