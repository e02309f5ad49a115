namespace Batchata;

/// <summary>
/// The shared, lock-protected state of a run. It holds only the jobs that are queued for a batch or in flight
/// (their <see cref="JobState"/>s), the pending groups (provider, and model where the provider needs one model per
/// batch) with their paging cursors into the state store, the tracked batches, the ledger, and running totals
/// for the status. Jobs that wait in the store or have ended cost nothing here, so memory follows the batches
/// in flight, not the number of jobs.
/// </summary>
/// <remarks>
/// <para>Threading model. A run has one engine task (resume, plan, submit, end what was never submitted) and one
/// task per provider batch in flight (<see cref="BatchTracker"/>: create, poll, cancel, collect); progress
/// snapshots are taken from any of them. This class owns the jobs held, the groups, the tracked batches and the
/// <see cref="CostLedger"/>, and every change to them happens here, under one private lock that no other type
/// takes: reserving (<see cref="TryReserve"/>), re-attaching, running, requeueing (<see cref="Requeue"/>),
/// ending (<see cref="End"/>, which settles the ledger).</para>
/// <para>A <see cref="JobState"/>'s counters (status, batch, reservation, cost, attempts) change only through
/// these methods. Its definition is the planner's alone (the engine task), from paging until encoding. A
/// <see cref="TrackedBatch"/> is moved along by its one tracker and guards its own fields for snapshots. The
/// stop token and reason travel in a <see cref="StopSignal"/> the engine passes to each tracker. The
/// <see cref="RunStore"/> serializes its own calls, and <see cref="ResultSink"/> writes one result file at a
/// time.</para>
/// </remarks>
internal sealed class RunState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JobState> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<TrackedBatch> _batches = [];
    private readonly int[] _counts = new int[Enum.GetValues<JobStatus>().Length];
    private decimal _realTimeUsd;
    private decimal _estimatedUsd;
    private int _peakHeld;

    private readonly CostLedger _ledger;

    public RunState(CostLedger ledger, TimeProvider timeProvider)
    {
        _ledger = ledger;
        TimeProvider = timeProvider;
        StartedAt = timeProvider.GetTimestamp();
    }

    public TimeProvider TimeProvider { get; }

    public long StartedAt { get; }

    /// <summary>The most jobs held at once during the run (queued or in flight): bounded by the batches, not by the run.</summary>
    public int PeakHeldJobs
    {
        get
        {
            lock (_gate)
            {
                return _peakHeld;
            }
        }
    }

    /// <summary>Counts a job that stays in the store (pending, or ended by an earlier run) without holding it.</summary>
    public void CountStored(JobStatus status, decimal realTimeUsd = 0, decimal estimatedUsd = 0)
    {
        lock (_gate)
        {
            _counts[(int)status]++;
            _realTimeUsd += realTimeUsd;
            _estimatedUsd += estimatedUsd;
        }
    }

    /// <summary>Counts as spent what an earlier run paid for jobs adopted from their result files.</summary>
    public void AddSpent(decimal usd)
    {
        lock (_gate)
        {
            _ledger.Settle(0, usd);
        }
    }

    /// <summary>Holds and counts a job that is running in a re-attached batch, its worst case reserved again (even over the limit: it is already paid for).</summary>
    public void Reattach(JobState job, decimal reservedUsd)
    {
        lock (_gate)
        {
            _ledger.ForceReserve(reservedUsd);
            job.ReservedUsd = reservedUsd;
            _live[job.Id] = job;
            _counts[(int)job.Status]++;
            _peakHeld = Math.Max(_peakHeld, _live.Count);
        }
    }

    /// <summary>The job, when it is queued or in flight; null when it waits in the store or has ended.</summary>
    public JobState? Find(string id)
    {
        lock (_gate)
        {
            return _live.GetValueOrDefault(id);
        }
    }

    /// <summary>The group of a provider (and model), created empty and exhausted when it is new.</summary>
    /// <summary>Registers a group with pending jobs in the store, to be paged in by the planner.</summary>
    public void AddStoredGroup(string provider, string? model, int count)
    {
        lock (_gate)
        {
            var group = Group(provider, model);
            group.Exhausted = false;
            group.StoredCount += count;
        }
    }

    /// <summary>Queues jobs paged in from the store (already counted as pending) and moves the group's cursor. Jobs already held are skipped.</summary>
    public void AddPaged(PendingGroup group, IEnumerable<JobState> jobs, long cursor, bool exhausted)
    {
        lock (_gate)
        {
            group.Cursor = cursor;
            group.Exhausted = exhausted;
            foreach (var job in jobs)
            {
                if (_live.TryAdd(job.Id, job))
                {
                    group.Ready.Enqueue(job);
                }
            }

            _peakHeld = Math.Max(_peakHeld, _live.Count);
        }
    }

    /// <summary>
    /// Queues a held job again for submission (it becomes Pending): a retry (<paramref name="countAttempt"/>), or a
    /// job of a batch that was never created. Its reservation is released.
    /// </summary>
    public void Requeue(JobState job, bool oneModelPerBatch, bool countAttempt)
    {
        lock (_gate)
        {
            _ledger.Settle(job.ReservedUsd, 0);
            job.ReservedUsd = 0;
            if (countAttempt)
            {
                job.Attempts++;
            }

            var group = Group(job.Provider, oneModelPerBatch ? job.Model.Id : null);
            Move(job, JobStatus.Pending);
            job.BatchRow = null;
            _live[job.Id] = job;
            group.Ready.Enqueue(job);
            _peakHeld = Math.Max(_peakHeld, _live.Count);
        }
    }

    /// <summary>The groups with jobs queued or still in the store, for the planner to serve in turn.</summary>
    public List<PendingGroup> NonEmptyGroups()
    {
        lock (_gate)
        {
            return _groups.Values.Where(g => g.HasWork).ToList();
        }
    }

    /// <summary>Whether any job still waits to be submitted.</summary>
    public bool HasPending
    {
        get
        {
            lock (_gate)
            {
                return _groups.Values.Any(g => g.HasWork);
            }
        }
    }

    public bool TryPeek(PendingGroup group, out JobState job)
    {
        lock (_gate)
        {
            return group.Ready.TryPeek(out job!);
        }
    }

    /// <summary>Takes the next queued job of a group.</summary>
    public bool TryDequeue(PendingGroup group, out JobState job)
    {
        lock (_gate)
        {
            return group.Ready.TryDequeue(out job!);
        }
    }

    /// <summary>
    /// Reserves a job's worst case in the ledger. When the limit has no room, returns false and says why in
    /// <paramref name="refusal"/>.
    /// </summary>
    public bool TryReserve(JobState job, decimal worstCaseUsd, out string? refusal)
    {
        lock (_gate)
        {
            if (_ledger.TryReserve(worstCaseUsd))
            {
                job.ReservedUsd = worstCaseUsd;
                refusal = null;
                return true;
            }

            refusal = $"Cost limit exceeded: this job's worst case (${worstCaseUsd:0.######}) does not fit under the ${_ledger.Limit:0.##} limit (spent ${_ledger.Spent:0.######}, reserved ${_ledger.Reserved:0.######}). It was not submitted.";
            return false;
        }
    }

    /// <summary>Records the provider's batch id on the jobs running in a batch.</summary>
    public void SetBatchId(IEnumerable<string> jobIds, long batchRow, string batchId)
    {
        lock (_gate)
        {
            foreach (var id in jobIds)
            {
                if (_live.TryGetValue(id, out var job) && job.BatchRow == batchRow)
                {
                    job.BatchId = batchId;
                }
            }
        }
    }

    /// <summary>Marks the jobs of a recorded batch as running in it.</summary>
    public void MarkRunning(IEnumerable<JobState> jobs, long batchRow)
    {
        lock (_gate)
        {
            foreach (var job in jobs)
            {
                Move(job, JobStatus.Running);
                job.BatchRow = batchRow;
            }
        }
    }

    /// <summary>Ends a job: its final status and cost (and its real-time price, for the savings), the ledger settled, the running totals updated; it is no longer held.</summary>
    public void End(JobState job, JobStatus status, decimal costUsd, string? batchId, decimal realTimeCostUsd = 0)
    {
        lock (_gate)
        {
            _ledger.Settle(job.ReservedUsd, costUsd);
            job.ReservedUsd = 0;
            job.BatchId = batchId ?? job.BatchId;
            Move(job, status);
            _realTimeUsd += realTimeCostUsd;
            if (status == JobStatus.Completed || costUsd > 0)
            {
                _estimatedUsd += job.EstimatedCostUsd;
            }

            _live.Remove(job.Id);
        }
    }

    /// <summary>Empties every group's queue after a stop and returns the jobs that were waiting; the store's pending jobs are paged by the caller.</summary>
    public List<JobState> DrainReady()
    {
        lock (_gate)
        {
            var drained = _groups.Values.SelectMany(g => g.Ready).ToList();
            foreach (var group in _groups.Values)
            {
                group.Ready.Clear();
            }

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
            return new BatchStatus
            {
                Total = _counts.Sum(),
                Pending = _counts[(int)JobStatus.Pending],
                Running = _counts[(int)JobStatus.Running],
                Completed = _counts[(int)JobStatus.Completed],
                Failed = _counts[(int)JobStatus.Failed],
                Cancelled = _counts[(int)JobStatus.Cancelled],
                CostUsd = _ledger.Spent,
                ReservedUsd = _ledger.Reserved,
                CostLimitUsd = _ledger.Limit,
                RealTimeCostUsd = _realTimeUsd,
                EstimatedCostUsd = _estimatedUsd,
                BatchesTotal = _batches.Count(b => !b.Rejected),
                BatchesDone = _batches.Count(b => !b.Rejected && b.Phase == BatchPhase.Collected),
            };
        }
    }

    public BatchProgress Progress(TimeSpan? timeLimit, IReadOnlyList<string>? waitingForQueue = null, int? waitingForJobsInFlightLimit = null)
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
                WaitingForProviderQueue = waitingForQueue ?? [],
                WaitingForJobsInFlightLimit = waitingForJobsInFlightLimit,
                Batches = _batches.Where(b => !b.Rejected).Select(b => b.Snapshot(now)).ToList(),
            };
        }
    }

    /// <summary>The group of a provider (and model), created empty and exhausted when it is new. Call under the lock.</summary>
    private PendingGroup Group(string provider, string? model)
    {
        var key = model is null ? provider : $"{provider}|{model}";
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = new PendingGroup(provider, model) { Exhausted = true };
        }

        return group;
    }

    private void Move(JobState job, JobStatus to)
    {
        _counts[(int)job.Status]--;
        _counts[(int)to]++;
        job.Status = to;
    }
}
