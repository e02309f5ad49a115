namespace Batchata;

/// <summary>
/// The shared, lock-protected state of a run: jobs in order, the pending queues per group
/// (provider, and model where the provider needs one model per batch), the tracked batches and the ledger.
/// </summary>
internal sealed class RunState
{
    private readonly Lock _gate = new();
    private readonly List<JobState> _jobs = [];
    private readonly Dictionary<string, JobState> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<JobState>> _queues = new(StringComparer.Ordinal);
    private readonly List<TrackedBatch> _batches = [];
    private int _pending;

    public RunState(CostLedger ledger, TimeProvider timeProvider)
    {
        Ledger = ledger;
        TimeProvider = timeProvider;
        StartedAt = timeProvider.GetTimestamp();
    }

    public CostLedger Ledger { get; }

    public TimeProvider TimeProvider { get; }

    public long StartedAt { get; }

    public Lock Gate => _gate;

    public IReadOnlyList<JobState> Jobs => _jobs;

    public void Add(JobState job)
    {
        lock (_gate)
        {
            _jobs.Add(job);
            _byId[job.Id] = job;
        }
    }

    public JobState? Find(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>Queues a job for submission (it becomes Pending).</summary>
    public void Enqueue(JobState job, bool oneModelPerBatch)
    {
        lock (_gate)
        {
            job.Status = JobStatus.Pending;
            job.BatchRow = null;
            var key = oneModelPerBatch ? $"{job.Provider}|{job.Model.Id}" : job.Provider;
            if (!_queues.TryGetValue(key, out var queue))
            {
                _queues[key] = queue = new Queue<JobState>();
            }

            queue.Enqueue(job);
            _pending++;
        }
    }

    /// <summary>The group queues with jobs, in a rotating order so providers are served fairly.</summary>
    public List<Queue<JobState>> NonEmptyQueues()
    {
        lock (_gate)
        {
            return _queues.Values.Where(q => q.Count > 0).ToList();
        }
    }

    public bool HasPending
    {
        get
        {
            lock (_gate)
            {
                return _pending > 0;
            }
        }
    }

    /// <summary>Takes the next job of a queue.</summary>
    public bool TryDequeue(Queue<JobState> queue, out JobState job)
    {
        lock (_gate)
        {
            if (queue.TryDequeue(out job!))
            {
                _pending--;
                return true;
            }

            return false;
        }
    }

    /// <summary>Empties every queue and returns the jobs that were waiting (after a stop).</summary>
    public List<JobState> DrainPending()
    {
        lock (_gate)
        {
            var drained = _queues.Values.SelectMany(q => q).ToList();
            foreach (var queue in _queues.Values)
            {
                queue.Clear();
            }

            _pending = 0;
            return drained;
        }
    }

    public void Track(TrackedBatch batch)
    {
        lock (_gate)
        {
            _batches.Add(batch);
        }
    }

    public BatchStatus Status()
    {
        lock (_gate)
        {
            int pending = 0, running = 0, completed = 0, failed = 0, cancelled = 0;
            var realTime = 0m;
            var estimated = 0m;
            foreach (var job in _jobs)
            {
                realTime += job.RealTimeCostUsd;
                if (job.Status == JobStatus.Completed || job.CostUsd > 0)
                {
                    estimated += job.EstimatedCostUsd;
                }

                switch (job.Status)
                {
                    case JobStatus.Pending: pending++; break;
                    case JobStatus.Running: running++; break;
                    case JobStatus.Completed: completed++; break;
                    case JobStatus.Failed: failed++; break;
                    case JobStatus.Cancelled: cancelled++; break;
                }
            }

            return new BatchStatus
            {
                Total = _jobs.Count,
                Pending = pending,
                Running = running,
                Completed = completed,
                Failed = failed,
                Cancelled = cancelled,
                CostUsd = Ledger.Spent,
                ReservedUsd = Ledger.Reserved,
                CostLimitUsd = Ledger.Limit,
                RealTimeCostUsd = realTime,
                EstimatedCostUsd = estimated,
                BatchesTotal = _batches.Count,
                BatchesDone = _batches.Count(b => b.Status == "collected"),
            };
        }
    }

    public BatchProgress Progress(TimeSpan? timeLimit)
    {
        var status = Status();
        lock (_gate)
        {
            var now = TimeProvider.GetUtcNow();
            return new BatchProgress
            {
                Status = status,
                Elapsed = TimeProvider.GetElapsedTime(StartedAt),
                TimeLimit = timeLimit,
                Batches = _batches.Select(b => new ProviderBatchProgress
                {
                    Provider = b.Provider.Name,
                    Model = b.Model,
                    BatchId = b.BatchId,
                    Status = b.Status,
                    Total = b.JobIds.Count,
                    Done = b.Done,
                    CostUsd = b.CostUsd,
                    Elapsed = now - b.CreatedAt,
                }).ToList(),
            };
        }
    }
}
