namespace Batchata;

/// <summary>
/// Ends jobs: writes each job's result file atomically, settles its cost in the ledger and records the
/// outcome in the store (buffered, flushed in transactions). A crash between a file and its store write is
/// safe: the batch stays open in the store, so the next run collects it again and rewrites the same file.
/// </summary>
/// <remarks>
/// Result files are written one at a time. Creating files in one directory from many threads at once makes
/// the file system serialize them anyway, on a lock the threads spin on: measured with 10 batches collecting at
/// once, one writer at a time cut the kernel time of a run by 35-60% in paired runs (bench/, 50,000 jobs). The batches keep
/// downloading and parsing.
/// </remarks>
internal sealed class ResultSink : IDisposable
{
    private const int FlushEvery = 256;
    private readonly string _resultsDir;
    private readonly RunStore _store;
    private readonly RunState _state;
    private readonly List<JobSettlement> _buffer = [];
    private readonly Lock _bufferGate = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public ResultSink(string resultsDir, RunStore store, RunState state)
    {
        _resultsDir = resultsDir;
        _store = store;
        _state = state;
    }

    /// <summary>Gets the readers of <see cref="Batch.ResultsAsync"/>, or null.</summary>
    public ResultFeed? Feed { get; init; }

    public string PathOf(string jobId) => Path.Combine(_resultsDir, jobId + ".json");

    /// <summary>Ends a job with its result (completed, failed or cancelled).</summary>
    public async Task EndAsync(JobState job, JobResult result, decimal realTimeCostUsd, CancellationToken cancellationToken)
    {
        var path = PathOf(job.Id);
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = ResultFileWriter.Serialize(result);

        // A completed job's answer is kept in the state file too, so that a lost or damaged file is rewritten, not paid again.
        var answer = result.Status == JobStatus.Completed ? StoredAnswer.Compress(bytes) : null;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ResultFileWriter.Write(bytes, path);
        }
        finally
        {
            _writeGate.Release();
        }

        _state.End(job, result.Status, result.CostUsd, result.BatchId, realTimeCostUsd);
        Telemetry.JobEnded(job.Provider, job.Model.Id, result.Status, result.InputTokens, result.OutputTokens, result.CostUsd);
        Feed?.Publish(result);

        Record(new JobSettlement(job.Id, result.Status, result.Error, result.FailureKind, result.CostUsd, result.InputTokens, result.OutputTokens, path, CountAttempt: result.BatchId is not null) { Answer = answer });
    }

    /// <summary>Ends a job that has no provider answer (never submitted, lost, or stopped).</summary>
    public Task EndWithoutAnswerAsync(JobState job, JobStatus status, JobFailureKind kind, string error, CancellationToken cancellationToken, string? errorType = null)
        => EndAsync(job, new JobResult
        {
            JobId = job.Id,
            Status = status,
            Error = error,
            FailureKind = kind,
            ErrorType = errorType,
            BatchId = job.BatchId,
            Model = job.Model.Id,
            Provider = job.Provider,
            ResponseType = job.ResponseTypeName,
        }, 0, cancellationToken);

    /// <summary>
    /// Returns a job to the pending queue for a later provider batch: a retryable failure (an attempt counted), or a
    /// batch the provider's queue refused (<paramref name="countAttempt"/> false: the job never ran).
    /// </summary>
    public void Requeue(JobState job, bool oneModelPerBatch, bool countAttempt = true)
    {
        // Recorded before it is queued: the engine flushes before recording a batch, so this cannot land after that.
        Record(new JobSettlement(job.Id, JobStatus.Pending, null, JobFailureKind.None, 0, 0, 0, null, CountAttempt: countAttempt));
        _state.Requeue(job, oneModelPerBatch, countAttempt);
    }

    public void Dispose() => _writeGate.Dispose();

    public void Flush()
    {
        List<JobSettlement> batch;
        lock (_bufferGate)
        {
            batch = [.. _buffer];
            _buffer.Clear();
        }

        _store.SettleJobs(batch);
    }

    private void Record(JobSettlement settlement)
    {
        bool flush;
        lock (_bufferGate)
        {
            _buffer.Add(settlement);
            flush = _buffer.Count >= FlushEvery;
        }

        if (flush)
        {
            Flush();
        }
    }
}
