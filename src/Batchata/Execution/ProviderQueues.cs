using System.Globalization;
using System.Text.RegularExpressions;

namespace Batchata;

/// <summary>
/// Admission of provider batches: at most <c>maxParallelBatches</c> in flight per provider, and within the providers'
/// queue limits. A queue is per model where the provider counts per model (OpenAI's enqueued-token limit), else per
/// provider (Anthropic's and Gemini's batch queues). A limit is known up front (<see cref="Batch.SetQueueLimit"/>,
/// counted from the token estimates) or learned from a rejection (OpenAI's <c>token_limit_exceeded</c> message names
/// it). A rejected batch is not a failure: its jobs go back to pending and the queue waits until one of its batches in
/// flight ends; a batch rejected with nothing else in flight is too big for the queue on its own, so the next one is
/// half its size.
/// </summary>
/// <remarks>
/// A 429 on create (Anthropic's and Gemini's batch queues) does not say the limit, but each answer bounds it: a create
/// accepted with <c>n</c> requests of the queue at the provider proves room for <c>n</c>, a refused one proves less
/// than <c>n</c>. The next batch aims halfway between (<see cref="LearnedCapacity"/>), so the queue fills to its
/// limit in a few refused creates (nothing is paid for those) and later waves are as full as the limit allows.
/// </remarks>
internal sealed partial class ProviderQueues
{
    private readonly Lock _gate = new();
    private readonly int _maxParallelBatches;
    private readonly IReadOnlyList<QueueLimit> _limits;
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    private readonly int? _maxJobsInFlight;
    private TaskCompletionSource _roomOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _jobsInFlight;
    private bool _atJobsLimit;

    public ProviderQueues(int maxParallelBatches, IReadOnlyList<QueueLimit> limits, int? maxJobsInFlight = null)
    {
        _maxParallelBatches = maxParallelBatches;
        _limits = limits;
        _maxJobsInFlight = maxJobsInFlight;
    }

    /// <summary>
    /// How many more jobs may go in flight under the run's memory budget (<c>maxJobsInFlight</c>, counted over the
    /// batches in flight of every provider), or null without a budget.
    /// </summary>
    public int? JobsRoom
    {
        get
        {
            lock (_gate)
            {
                return _maxJobsInFlight - _jobsInFlight;
            }
        }
    }

    /// <summary>Whether pending jobs wait because the jobs in flight reached the budget (for the progress display).</summary>
    public bool AtJobsLimit
    {
        get
        {
            lock (_gate)
            {
                return _atJobsLimit;
            }
        }

        set
        {
            lock (_gate)
            {
                _atJobsLimit = value;
            }
        }
    }

    /// <summary>
    /// Gets a task that completes when a queue may hold more while no batch has ended: a create was accepted while its
    /// queue's limit is being learned, so the next batch may fill the room between. Take it before planning.
    /// </summary>
    public Task RoomOpened
    {
        get
        {
            lock (_gate)
            {
                return _roomOpened.Task;
            }
        }
    }

    /// <summary>Whether the provider has fewer than <c>maxParallelBatches</c> batches in flight.</summary>
    public bool HasSlot(string provider)
    {
        lock (_gate)
        {
            return _inFlight.GetValueOrDefault(provider) < _maxParallelBatches;
        }
    }

    /// <summary>What the next batch of a provider (and model) may hold now.</summary>
    public QueueRoom Room(IBatchProvider provider, string model)
    {
        lock (_gate)
        {
            var queue = QueueOf(provider, model);
            var requestLimit = (queue.RequestLimit, queue.Capacity.Target) switch
            {
                ({ } known, { } learned) => Math.Min(known, learned),
                (var known, var learned) => known ?? learned,
            };
            return new QueueRoom(
                queue.Waiting,
                queue.TokenLimit is { } tokens ? tokens - queue.Tokens : null,
                requestLimit is { } requests ? requests - queue.Requests : null,
                queue.MaxBatchRequests,
                queue.Batches);
        }
    }

    /// <summary>Records whether a queue holds pending jobs back (for the progress display).</summary>
    public void SetBlocked(IBatchProvider provider, string model, bool blocked)
    {
        lock (_gate)
        {
            QueueOf(provider, model).Blocked = blocked;
        }
    }

    /// <summary>The queues that hold pending jobs back now, e.g. <c>openai gpt-4.1-mini</c>.</summary>
    public IReadOnlyList<string> Waiting()
    {
        lock (_gate)
        {
            return _queues.Where(q => q.Value.Blocked || q.Value.Waiting).Select(q => q.Key).Order(StringComparer.Ordinal).ToList();
        }
    }

    public void Started(TrackedBatch batch)
    {
        lock (_gate)
        {
            _inFlight[batch.Provider.Name] = _inFlight.GetValueOrDefault(batch.Provider.Name) + 1;
            _jobsInFlight += batch.JobCount;
            var queue = QueueOf(batch.Provider, batch.Model);
            queue.Batches++;
            queue.Tokens += batch.EnqueuedTokens;
            queue.Requests += batch.JobCount;
            if (batch.BatchId is not null)
            {
                queue.Created += batch.JobCount; // re-attached: it is in the provider's queue already
            }
        }
    }

    /// <summary>
    /// Records that the provider created the batch (its id is set): it holds its requests in the provider's queue until
    /// it ends. A batch with an id is counted as created, from here or from <see cref="Started"/> for a re-attached one.
    /// </summary>
    public void Accepted(TrackedBatch batch)
    {
        lock (_gate)
        {
            var queue = QueueOf(batch.Provider, batch.Model);
            queue.Created += batch.JobCount;
            queue.Capacity.OnAccepted(queue.Created);
            if (queue.Capacity.Target is not null)
            {
                var opened = _roomOpened;
                _roomOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
                opened.TrySetResult();
            }
        }
    }

    public void Finished(TrackedBatch batch)
    {
        lock (_gate)
        {
            _inFlight[batch.Provider.Name]--;
            _jobsInFlight -= batch.JobCount;
            var queue = QueueOf(batch.Provider, batch.Model);
            queue.Batches--;
            queue.Tokens -= batch.EnqueuedTokens;
            queue.Requests -= batch.JobCount;
            if (batch.BatchId is not null)
            {
                queue.Created -= batch.JobCount;
            }

            if (!batch.Rejected)
            {
                queue.Waiting = false; // room again: the jobs held back may go
            }
        }
    }

    /// <summary>
    /// Records that the provider refused a batch for its queue: on create (<paramref name="atCreate"/>, a 429), or by
    /// failing it once created (OpenAI's <c>token_limit_exceeded</c>). Returns false when the batch held one job and
    /// nothing else was in flight: then no smaller batch can help, and the caller fails the job.
    /// </summary>
    public bool Rejected(TrackedBatch batch, string? message, bool atCreate = false)
    {
        lock (_gate)
        {
            batch.Rejected = true;
            var queue = QueueOf(batch.Provider, batch.Model);
            if (atCreate)
            {
                // Creates of one queue are serialized, so the provider held exactly what was created before this one.
                if (queue.Created == 0 && batch.JobCount <= 1)
                {
                    return false;
                }

                queue.Capacity.OnRefused(queue.Created + batch.JobCount);
                return true;
            }

            if (message is not null && LearnedLimit().Match(message) is { Success: true } match &&
                long.TryParse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var learned))
            {
                queue.TokenLimit = queue.TokenLimit is { } known ? Math.Min(known, learned) : learned;
            }

            if (queue.Batches > 1)
            {
                queue.Waiting = true; // others in flight: wait for one of them to end
                return true;
            }

            if (batch.JobCount <= 1)
            {
                return false;
            }

            // Alone and still refused: too big for the queue by itself (or the estimates undercount).
            queue.MaxBatchRequests = Math.Max(1, batch.JobCount / 2);
            return true;
        }
    }

    /// <summary>Forgets every wait (nothing is in flight any more, so nothing can end one).</summary>
    public void ClearWaits()
    {
        lock (_gate)
        {
            foreach (var queue in _queues.Values)
            {
                queue.Waiting = false;
            }
        }
    }

    private Queue QueueOf(IBatchProvider provider, string model)
    {
        var perModel = provider.Limits.QueuePerModel;
        var key = perModel ? $"{provider.Name} {model}" : provider.Name;
        if (!_queues.TryGetValue(key, out var queue))
        {
            var limit = (perModel ? _limits.LastOrDefault(l => string.Equals(l.Name, model, StringComparison.OrdinalIgnoreCase)) : null)
                ?? _limits.LastOrDefault(l => string.Equals(l.Name, provider.Name, StringComparison.OrdinalIgnoreCase));
            _queues[key] = queue = new Queue { TokenLimit = limit?.MaxEnqueuedTokens, RequestLimit = limit?.MaxQueuedRequests };
        }

        return queue;
    }

    /// <summary>OpenAI's words: "Enqueued token limit reached for MODEL in organization ORG. Limit: 2,000,000 enqueued tokens." (openai/openai-python#2084).</summary>
    [GeneratedRegex(@"Limit:\s*([0-9][0-9,]*)\s*enqueued tokens", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LearnedLimit();

    private sealed class Queue
    {
        public int Batches { get; set; }

        public long Tokens { get; set; }

        public int Requests { get; set; }

        /// <summary>The requests of the batches the provider created and that have not ended (a part of <see cref="Requests"/>).</summary>
        public int Created { get; set; }

        public LearnedCapacity Capacity { get; } = new();

        public long? TokenLimit { get; set; }

        public int? RequestLimit { get; set; }

        public int? MaxBatchRequests { get; set; }

        public bool Waiting { get; set; }

        public bool Blocked { get; set; }
    }
}

/// <summary>
/// What the answers to creates tell of a queue's unstated request limit: a bisection between the most requests the
/// provider accepted at once (<see cref="Known"/>) and the fewest it refused (<see cref="Refused"/>). The bounds hold for
/// the run; a queue that shrinks (other work of the organisation) or grows moves them.
/// </summary>
internal sealed class LearnedCapacity
{
    /// <summary>Gets the most requests the provider has held at once: the queue holds at least this many.</summary>
    public int Known { get; private set; }

    /// <summary>Gets the fewest requests the provider refused to hold, or null: the queue holds fewer than this many.</summary>
    public int? Refused { get; private set; }

    /// <summary>Gets the requests the queue should hold next, halfway between the bounds, or null while none was refused.</summary>
    public int? Target => Refused is { } refused ? Known + ((refused - Known) / 2) : null;

    /// <summary>The provider created a batch and now holds <paramref name="total"/> requests of this queue.</summary>
    public void OnAccepted(int total)
    {
        Known = Math.Max(Known, total);
        if (Refused <= Known)
        {
            Refused = null; // the queue grew
        }
    }

    /// <summary>The provider refused a batch that would have made <paramref name="total"/> requests of this queue.</summary>
    public void OnRefused(int total)
    {
        Refused = Math.Min(Refused ?? int.MaxValue, total);
        if (Known >= Refused)
        {
            Known = Refused.Value - 1; // the queue shrank
        }
    }
}

/// <summary>What the next batch of a queue may hold.</summary>
/// <param name="Waiting">The queue refused a batch and waits for one of its batches in flight to end.</param>
/// <param name="Tokens">The estimated prompt tokens left under the token limit, or null when there is none.</param>
/// <param name="Requests">The requests left under the request limit, or null when there is none.</param>
/// <param name="MaxBatchRequests">The most requests one batch may hold after a lone batch was refused, or null.</param>
/// <param name="InFlight">The batches of this queue in flight.</param>
internal readonly record struct QueueRoom(bool Waiting, long? Tokens, int? Requests, int? MaxBatchRequests, int InFlight);
