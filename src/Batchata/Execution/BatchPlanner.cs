namespace Batchata;

/// <summary>
/// Forms provider batches lazily from the pending queues: one group per provider (and model where the provider needs
/// one model per batch). Planned for latency (DESIGN §3.1): a group becomes as few batches as the provider's caps allow
/// (requests per batch, and bytes measured on the serialized lines), of even size, so that every job is in flight at
/// once whenever the caps and <c>maxParallelBatches</c> (per provider) allow it; the user's <c>itemsPerBatch</c> wins.
/// A batch also stays within its provider queue's room (<see cref="ProviderQueues"/>), and each job's worst-case cost is
/// reserved first. Request lines go to a <see cref="RequestSpool"/> on disk as they are encoded, so memory follows
/// the jobs in flight (a small <see cref="JobState"/> each), not the size of a batch.
/// </summary>
internal sealed class BatchPlanner
{
    /// <summary>Room left for the batch envelope (<c>{"requests":[...]}</c>, multipart framing, ...).</summary>
    private const long EnvelopeBytes = 64 * 1024;

    /// <summary>The fewest jobs paged in from the store at a time.</summary>
    private const int MinPage = 256;

    /// <summary>
    /// The most jobs paged in from the store at a time. A page holds its jobs' definitions until they are encoded, so
    /// a 100,000-request batch is filled a page at a time rather than with 100,000 definitions in memory at once.
    /// </summary>
    private const int MaxPage = 2_048;

    /// <summary>The most rejected jobs gathered before the engine ends them (a cost limit can reject every job).</summary>
    private const int MaxRejected = 1_000;

    /// <summary>The most distinct response schemas kept for the jobs in flight.</summary>
    private const int MaxSharedSchemas = 256;

    private readonly RunContext _run;
    private readonly Dictionary<PendingGroup, int> _autoSizes = [];
    private readonly Dictionary<string, System.Text.Json.JsonElement> _schemas = new(StringComparer.Ordinal);
    private int _rotation;

    public BatchPlanner(RunContext run)
    {
        _run = run;
    }

    /// <summary>Jobs that could not be planned (encoding failed, or the cost limit has no room), to be ended by the caller.</summary>
    public List<(JobState Job, JobFailureKind Kind, string Error)> Rejected { get; } = [];

    private RunState State => _run.State;

    /// <summary>
    /// Takes the next chunk, or null when nothing can be submitted now: nothing pending, every provider with pending
    /// jobs at its <c>maxParallelBatches</c> or waiting for its queue, or rejected jobs to be ended first.
    /// </summary>
    public PlannedChunk? TakeChunk()
    {
        while (Rejected.Count < MaxRejected)
        {
            // The memory budget: jobs in flight (the engine holds each one) stay within maxJobsInFlight.
            if (_run.Queues.JobsRoom is <= 0)
            {
                _run.Queues.AtJobsLimit = State.HasPending;
                return null;
            }

            _run.Queues.AtJobsLimit = false;
            var groups = State.NonEmptyGroups();
            var rejectedBefore = Rejected.Count;
            for (var k = 0; k < groups.Count; k++)
            {
                var index = (_rotation + k) % groups.Count;
                var group = groups[index];
                if (!_run.Queues.HasSlot(group.Provider))
                {
                    continue;
                }

                if (Fill(group) is { } chunk)
                {
                    _rotation = index + 1;
                    return chunk;
                }
            }

            if (Rejected.Count == rejectedBefore)
            {
                return null; // no group could move
            }
        }

        return null;
    }

    /// <summary>
    /// After a stop: the next jobs that were never submitted (queued ones first, then those still in the store),
    /// at most about <paramref name="max"/> at a time; empty when none is left.
    /// </summary>
    public List<JobState> TakeUnsubmitted(int max)
    {
        var drained = State.DrainReady();
        if (drained.Count > 0)
        {
            return drained;
        }

        foreach (var group in State.NonEmptyGroups())
        {
            while (Page(group, max))
            {
                if (State.DrainReady() is { Count: > 0 } paged)
                {
                    return paged;
                }
            }
        }

        return [];
    }

    /// <summary>
    /// The fewest jobs a batch gets when a large group is spread over several batches that run side by side: a group
    /// of fewer than twice this many stays one batch.
    /// </summary>
    public const int MinSplitBatch = 5_000;

    /// <summary>
    /// The automatic batch size of a group of <paramref name="jobs"/> pending jobs: as few batches as the provider's
    /// request cap allows, of even size (100,001 Anthropic jobs: two of 50,001; 120,000 OpenAI jobs: three of 40,000),
    /// but a large group is spread over up to <paramref name="maxParallelBatches"/> batches of at least
    /// <see cref="MinSplitBatch"/> jobs (100,000 jobs: ten of 10,000). They are all in flight at once (one wave, as
    /// one batch would be), and the local work pipelines: one batch is created and its results written while the
    /// next is encoded, instead of everything waiting for one 100,000-request batch at each step. When the group is
    /// larger than <paramref name="maxJobsInFlight"/>, batches are sized so that that many fill the parallel slots.
    /// </summary>
    public static int AutoSize(int jobs, int maxRequests, int maxParallelBatches = 1, int? maxJobsInFlight = null)
    {
        var batches = Math.Max(1, (int)Math.Ceiling(jobs / (double)maxRequests));
        batches = Math.Max(batches, Math.Min(maxParallelBatches, jobs / MinSplitBatch));
        var size = (int)Math.Ceiling(jobs / (double)batches);
        if (maxJobsInFlight is { } budget && jobs > budget)
        {
            size = Math.Min(size, (int)Math.Ceiling(budget / (double)maxParallelBatches));
        }

        return Math.Clamp(size, 1, maxRequests);
    }

    private PlannedChunk? Fill(PendingGroup group)
    {
        var provider = _run.Providers.Get(group.Provider);
        if (!_autoSizes.TryGetValue(group, out var auto))
        {
            _autoSizes[group] = auto = AutoSize(group.StoredCount + group.Ready.Count, provider.Limits.MaxRequests, _run.Settings.MaxParallelBatches, _run.Settings.MaxJobsInFlight);
        }

        var queueModel = group.Model ?? "";
        var room = _run.Queues.Room(provider, queueModel);
        var maxCount = Math.Min(Math.Min(_run.Settings.ItemsPerBatch ?? auto, provider.Limits.MaxRequests), Math.Min(room.MaxBatchRequests ?? int.MaxValue, room.Requests ?? int.MaxValue));
        maxCount = Math.Min(maxCount, _run.Queues.JobsRoom ?? int.MaxValue);
        if (room.Waiting || maxCount < 1)
        {
            _run.Queues.SetBlocked(provider, queueModel, blocked: true);
            return null;
        }

        var maxBytes = provider.Limits.MaxBytes - EnvelopeBytes;
        var jobs = new List<JobState>();
        var requests = new RequestSpool();
        long bytes = 0, tokens = 0;
        var blocked = false;
        try
        {
            while (jobs.Count < maxCount && Rejected.Count < MaxRejected)
            {
                if (!State.TryPeek(group, out var job))
                {
                    if (group.Exhausted || !Page(group, Math.Clamp(maxCount - jobs.Count, MinPage, MaxPage)))
                    {
                        break;
                    }

                    continue;
                }

                if (room.Tokens is { } tokenRoom && tokens + job.EstimatedInputTokens > tokenRoom)
                {
                    if (jobs.Count > 0)
                    {
                        break;
                    }

                    if (room.InFlight > 0)
                    {
                        blocked = true; // the queue is full until a batch in flight ends
                        break;
                    }

                    Reject(group, job, JobFailureKind.NotSubmitted, $"The job's estimated {job.EstimatedInputTokens:N0} prompt tokens exceed the {provider.Name} queue limit of {tokenRoom:N0} enqueued tokens on their own, so no batch can hold it. Raise the limit (SetQueueLimit / --max-enqueued-tokens) or shorten the job.");
                    continue;
                }

                byte[] line;
                try
                {
                    line = provider.EncodeRequest(job.Definition ?? _run.Store.LoadDefinition(job.Id), job.Model);
                }
                catch (Exception ex) when (ex is BatchValidationException or IOException or UnauthorizedAccessException)
                {
                    Reject(group, job, JobFailureKind.NotSubmitted, $"The request could not be built: {ex.Message}");
                    continue;
                }

                if (line.Length + 1 > maxBytes)
                {
                    Reject(group, job, JobFailureKind.BatchFailed, $"The request is {line.Length:N0} bytes, more than a {provider.Name} batch can hold ({maxBytes:N0}). Use a smaller file.");
                    continue;
                }

                if (jobs.Count > 0 && bytes + line.Length + 1 > maxBytes)
                {
                    break;
                }

                var worstCase = CostCalculator.WorstCaseBatchCost(job.Model, job.EstimatedInputTokens, job.MaxTokens);
                if (!State.TryReserve(job, worstCase, out var refusal))
                {
                    Reject(group, job, JobFailureKind.CostLimitExceeded, refusal!);
                    continue;
                }

                State.TryDequeue(group, out _);
                job.Definition = null; // encoded: the line in the spool is all the batch needs
                jobs.Add(job);
                requests.Add(job.Id, line);
                bytes += line.Length + 1;
                tokens += job.EstimatedInputTokens;
            }
        }
        catch
        {
            requests.Dispose();
            throw;
        }

        _run.Queues.SetBlocked(provider, queueModel, blocked && jobs.Count == 0);
        if (jobs.Count == 0)
        {
            requests.Dispose();
            return null;
        }

        requests.Complete();
        return new PlannedChunk(provider, jobs[0].Model.Id, jobs, requests);
    }

    private void Reject(PendingGroup group, JobState job, JobFailureKind kind, string error)
    {
        State.TryDequeue(group, out _);
        job.Definition = null;
        Rejected.Add((job, kind, error));
    }

    /// <summary>
    /// Pages the group's next pending jobs in from the store (with their definitions). The result sink is flushed
    /// first, so the store agrees with memory about which jobs are pending. Returns false when the store had none.
    /// </summary>
    private bool Page(PendingGroup group, int count)
    {
        if (group.Exhausted)
        {
            return false;
        }

        _run.Sink.Flush();
        var rows = _run.Store.LoadPending(group.Provider, group.Model, group.Cursor, count);
        var jobs = rows.Select(r => new JobState(r.Definition, _run.StoredModel(r.Definition.Model, r.Definition.Id))
        {
            Attempts = r.Attempts,
            Definition = r.Definition,
            ResponseSchema = Shared(r.Definition.ResponseSchema),
            StructuredMode = r.Definition.StructuredMode ?? StructuredModes.Choose(r.Definition, _run.StoredModel(r.Definition.Model, r.Definition.Id)),
        }).ToList();
        State.AddPaged(group, jobs, rows.Count > 0 ? rows[^1].Seq : group.Cursor, exhausted: rows.Count < count);
        return rows.Count > 0;
    }

    /// <summary>One instance per distinct schema (up to <see cref="MaxSharedSchemas"/>), so that jobs in flight share it instead of each holding a copy.</summary>
    private System.Text.Json.JsonElement? Shared(System.Text.Json.JsonElement? schema)
    {
        if (schema is not { } value)
        {
            return null;
        }

        var text = value.GetRawText();
        if (_schemas.TryGetValue(text, out var shared))
        {
            return shared;
        }

        if (_schemas.Count >= MaxSharedSchemas)
        {
            return null; // a run with a schema per job: each is loaded from the store when its answer is parsed
        }

        _schemas[text] = value;
        return value;
    }
}
