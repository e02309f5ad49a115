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
internal sealed partial class ProviderQueues
{
    private readonly Lock _gate = new();
    private readonly int _maxParallelBatches;
    private readonly IReadOnlyList<QueueLimit> _limits;
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    private readonly int? _maxJobsInFlight;
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
            return new QueueRoom(
                queue.Waiting,
                queue.TokenLimit is { } tokens ? tokens - queue.Tokens : null,
                queue.RequestLimit is { } requests ? requests - queue.Requests : null,
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
            if (!batch.Rejected)
            {
                queue.Waiting = false; // room again: the jobs held back may go
            }
        }
    }

    /// <summary>
    /// Records that the provider refused a batch for its queue. Returns false when the batch held one job and nothing
    /// else was in flight: then no smaller batch can help, and the caller fails the job.
    /// </summary>
    public bool Rejected(TrackedBatch batch, string? message)
    {
        lock (_gate)
        {
            batch.Rejected = true;
            var queue = QueueOf(batch.Provider, batch.Model);
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

        public long? TokenLimit { get; set; }

        public int? RequestLimit { get; set; }

        public int? MaxBatchRequests { get; set; }

        public bool Waiting { get; set; }

        public bool Blocked { get; set; }
    }
}

/// <summary>What the next batch of a queue may hold.</summary>
/// <param name="Waiting">The queue refused a batch and waits for one of its batches in flight to end.</param>
/// <param name="Tokens">The estimated prompt tokens left under the token limit, or null when there is none.</param>
/// <param name="Requests">The requests left under the request limit, or null when there is none.</param>
/// <param name="MaxBatchRequests">The most requests one batch may hold after a lone batch was refused, or null.</param>
/// <param name="InFlight">The batches of this queue in flight.</param>
internal readonly record struct QueueRoom(bool Waiting, long? Tokens, int? Requests, int? MaxBatchRequests, int InFlight);
