namespace Batchata;

/// <summary>
/// A provider batch the engine is tracking: what it is (row, tag, provider, model, jobs) and where it is in its
/// life (<see cref="Phase"/>), with its last seen progress.
/// </summary>
/// <remarks>
/// One <see cref="BatchTracker"/> moves the batch along (its own task); progress snapshots read it from other
/// threads. The changing fields are therefore guarded by the batch's own small lock, and every phase change goes
/// through <see cref="BatchLifecycle"/>. <see cref="CancelSent"/> is the tracker's alone.
/// </remarks>
internal sealed class TrackedBatch
{
    private readonly Lock _gate = new();
    private IReadOnlyList<string> _jobIds = [];
    private BatchPhase _phase;
    private string? _batchId;
    private string? _providerStatus;
    private string? _problem;
    private int _done;
    private decimal _costUsd;

    public required long Row { get; init; }

    public required string Tag { get; init; }

    public required IBatchProvider Provider { get; init; }

    public required string Model { get; init; }

    /// <summary>The batch's job ids while it is tracked; emptied once its tracker ends (see <see cref="JobCount"/>).</summary>
    public required IReadOnlyList<string> JobIds
    {
        get => Volatile.Read(ref _jobIds);
        init
        {
            _jobIds = value;
            JobCount = value.Count;
        }
    }

    /// <summary>The number of jobs in the batch.</summary>
    public int JobCount { get; private init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the phase: <see cref="BatchPhase.Planned"/> for a new batch, the stored phase for a re-attached one.</summary>
    public required BatchPhase Phase
    {
        get
        {
            lock (_gate)
            {
                return _phase;
            }
        }

        init => _phase = value;
    }

    /// <summary>Gets the provider's batch id, or null until it is created (or reconciled).</summary>
    public string? BatchId
    {
        get
        {
            lock (_gate)
            {
                return _batchId;
            }
        }

        init => _batchId = value;
    }

    /// <summary>Whether this run has sent a cancel for the batch (read and written by its tracker only).</summary>
    public bool CancelSent { get; set; }

    /// <summary>
    /// Gets a value indicating whether the batch was re-attached with a cancel an earlier process asked for (a run that
    /// was stopping, interrupted before it collected, or <c>batchata cancel</c> without a run).
    /// </summary>
    public bool CancelledEarlier { get; init; }

    /// <summary>Moves the batch to another phase (see <see cref="BatchLifecycle.Move"/>).</summary>
    public void MoveTo(BatchPhase to)
    {
        lock (_gate)
        {
            _phase = BatchLifecycle.Move(_phase, to);
        }
    }

    /// <summary>Records the provider's id: the batch is in flight.</summary>
    public void Created(string batchId)
    {
        lock (_gate)
        {
            _phase = BatchLifecycle.Move(_phase, BatchPhase.InFlight);
            _batchId = batchId;
        }
    }

    /// <summary>Takes in what a poll saw: the provider's phase, its own word (for display) and its progress.</summary>
    public void Observe(ProviderBatchState state)
    {
        lock (_gate)
        {
            _phase = BatchLifecycle.Observe(_phase, state.Phase);
            _providerStatus = state.RawStatus;
            _done = state.Done;
        }
    }

    /// <summary>Notes, for display, why the tracker let go of the batch before it was collected.</summary>
    public void NoteProblem(string problem)
    {
        lock (_gate)
        {
            _problem = problem;
        }
    }

    /// <summary>Adds the cost of a settled job.</summary>
    public void AddCost(decimal costUsd)
    {
        lock (_gate)
        {
            _costUsd += costUsd;
        }
    }

    /// <summary>The estimated prompt tokens of the batch's jobs, counted against the provider's enqueued-token limit (0 for a re-attached batch).</summary>
    public long EnqueuedTokens { get; init; }

    /// <summary>Whether the provider refused the batch for its queue limit (its jobs went back to pending).</summary>
    public bool Rejected { get; set; }

    /// <summary>Lets go of the job ids once the batch is no longer tracked: a long run keeps its batches for progress, not their ids.</summary>
    public void ReleaseJobIds() => Volatile.Write(ref _jobIds, []);

    /// <summary>A consistent snapshot for progress reports.</summary>
    public ProviderBatchProgress Snapshot(DateTimeOffset now)
    {
        lock (_gate)
        {
            return new ProviderBatchProgress
            {
                Provider = Provider.Name,
                Model = Model,
                BatchId = _batchId,
                Phase = _phase,
                Status = BatchPhaseText.Of(_phase, _providerStatus, _problem),
                Total = JobCount,
                Done = _done,
                CostUsd = _costUsd,
                Elapsed = now - CreatedAt,
            };
        }
    }
}
