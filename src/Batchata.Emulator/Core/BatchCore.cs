namespace Batchata.Emulator.Core;

/// <summary>Provider-neutral batch state: the timeline (latency, cancel, expiry) and the lazily computed outcomes.</summary>
/// <remarks>
/// The compute function holds what answering needs (the parsed requests); it is dropped once the outcomes are
/// computed, so a batch then keeps only its compact <see cref="OutcomeStore"/> (in the emulator's
/// <see cref="OutcomeSpill"/> file) and what rendering results needs.
/// </remarks>
internal sealed class BatchCore
{
    private readonly object _gate = new();
    private readonly OutcomeSpill? _spill;
    private Func<int, Outcome>? _compute;
    private OutcomeStore? _outcomes;

    /// <summary>A batch whose outcomes are computed when first needed, into <paramref name="spill"/> when given (else in memory).</summary>
    public BatchCore(string provider, string id, long ordinal, DateTimeOffset createdAt, IReadOnlyList<string> customIds, EmulatorOptions options, Func<int, Outcome> compute, OutcomeSpill? spill = null)
        : this(provider, id, ordinal, createdAt, customIds, options)
    {
        _compute = compute;
        _spill = spill;
    }

    /// <summary>A batch whose outcomes were computed while its create was read (nothing of its requests is kept).</summary>
    public BatchCore(string provider, string id, long ordinal, DateTimeOffset createdAt, IReadOnlyList<string> customIds, EmulatorOptions options, OutcomeStore outcomes)
        : this(provider, id, ordinal, createdAt, customIds, options)
    {
        _outcomes = outcomes;
    }

    private BatchCore(string provider, string id, long ordinal, DateTimeOffset createdAt, IReadOnlyList<string> customIds, EmulatorOptions options)
    {
        Provider = provider;
        Id = id;
        Ordinal = ordinal;
        CreatedAt = createdAt;
        CustomIds = PackedStrings.From(customIds);
        Latency = options.ProcessingLatency + (options.PerRequestLatency * customIds.Count);
        ExpireAfter = options.Faults.ExpireAfter ?? TimeSpan.FromHours(24);
        Progressive = options.Faults.PartialCompletion;
        Clock = options.TimeProvider;
    }

    public string Provider { get; }

    public string Id { get; }

    public long Ordinal { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets the custom ids (keys) of the requests, in input order (packed: each read makes the string).</summary>
    public IReadOnlyList<string> CustomIds { get; }

    public int Count => CustomIds.Count;

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public TimeSpan Latency { get; }

    public TimeSpan ExpireAfter { get; }

    public bool Progressive { get; }

    public TimeProvider Clock { get; }

    public DateTimeOffset? CancelAt { get; private set; }

    public DateTimeOffset NaturalEnd => CreatedAt + Latency;

    public DateTimeOffset ExpiresAt => CreatedAt + ExpireAfter;

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Requests a cancel now; returns false when the batch had already ended.</summary>
    public bool Cancel()
    {
        var now = Now;
        lock (_gate)
        {
            if (CancelAt is not null || Phase(now) != BatchPhase.Running)
            {
                return false;
            }

            CancelAt = now;
            return true;
        }
    }

    public BatchPhase Phase(DateTimeOffset now)
    {
        var (phase, at) = Terminal();
        return now >= at ? phase : BatchPhase.Running;
    }

    /// <summary>The end the batch will reach (or reached) and when, ignoring "now".</summary>
    public (BatchPhase Phase, DateTimeOffset At) Terminal()
    {
        if (CancelAt is { } cancel && cancel < NaturalEnd && cancel < ExpiresAt)
        {
            return (BatchPhase.Canceled, cancel);
        }

        return ExpiresAt < NaturalEnd ? (BatchPhase.Expired, ExpiresAt) : (BatchPhase.Completed, NaturalEnd);
    }

    public DateTimeOffset? EndedAt(DateTimeOffset now)
    {
        var (_, at) = Terminal();
        return now >= at ? at : null;
    }

    public DateTimeOffset FinishTime(int index) =>
        Progressive && Count > 0 ? CreatedAt + (Latency * (index + 1) / Count) : NaturalEnd;

    /// <summary>Whether request <paramref name="index"/> has a result at <paramref name="now"/> (finished before any cutoff).</summary>
    public bool IsFinished(int index, DateTimeOffset now)
    {
        var (_, at) = Terminal();
        var limit = now < at ? now : at;
        return FinishTime(index) <= limit;
    }

    public int FinishedCount(DateTimeOffset now)
    {
        if (Count == 0)
        {
            return 0;
        }

        var (_, at) = Terminal();
        var limit = now < at ? now : at;
        if (limit >= NaturalEnd)
        {
            return Count;
        }

        if (!Progressive || Latency <= TimeSpan.Zero)
        {
            return 0;
        }

        var n = (int)Math.Floor((double)(limit - CreatedAt).Ticks * Count / Latency.Ticks);
        while (n < Count && FinishTime(n) <= limit)
        {
            n++;
        }

        while (n > 0 && FinishTime(n - 1) > limit)
        {
            n--;
        }

        return Math.Clamp(n, 0, Count);
    }

    public Outcome GetOutcome(int index) => All().Get(index);

    /// <summary>Whether request <paramref name="index"/> ended in an error (whether or not it finished).</summary>
    public bool IsError(int index) => All().IsError(index);

    /// <summary>Counts (succeeded, errored) among the requests finished at <paramref name="now"/>.</summary>
    public (int Succeeded, int Errored) FinishedCounts(DateTimeOffset now)
    {
        var finished = FinishedCount(now);
        if (finished == 0)
        {
            return (0, 0);
        }

        var errored = All().Sum(finished).Errored;
        return (finished - errored, errored);
    }

    /// <summary>The prompt tokens of every request (what a provider counts as enqueued). Computes the outcomes.</summary>
    public long PromptTokens() => All().Sum(Count).Prompt;

    /// <summary>Whether the batch has not ended at <paramref name="now"/> (it still counts against a queue limit).</summary>
    public bool InQueue(DateTimeOffset now) => Phase(now) == BatchPhase.Running;

    public (long Input, long Output) BilledUsage()
    {
        var (input, _, output) = BilledUsage(Now);
        return (input, output);
    }

    /// <summary>Sums the tokens of the succeeded requests finished at <paramref name="now"/>: prompt (cached included), cached prompt, output.</summary>
    public (long Input, long CachedInput, long Output) BilledUsage(DateTimeOffset now)
    {
        var finished = FinishedCount(now);
        if (finished == 0)
        {
            return (0, 0, 0);
        }

        var sum = All().Sum(finished);
        return (sum.Input, sum.CachedInput, sum.Output);
    }

    private OutcomeStore All()
    {
        if (Volatile.Read(ref _outcomes) is { } computed)
        {
            return computed;
        }

        lock (_gate)
        {
            if (_outcomes is null)
            {
                Volatile.Write(ref _outcomes, OutcomeStore.Compute(Count, _compute!, _spill));
                _compute = null;
            }

            return _outcomes;
        }
    }
}
