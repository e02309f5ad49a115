using Batchata.Emulator.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Batchata.Emulator.Http;

/// <summary>Everything the handlers share: options, ids, the record of batches, the file of their outcomes, the truncation memory.</summary>
internal sealed class EmulatorState : IDisposable
{
    private readonly List<EmulatedBatch> _batches = [];
    private readonly HashSet<string> _truncated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _injected = new(StringComparer.Ordinal);
    private long _ordinal;
    private int _queueRefusals;

    private int _quotaRejections;

    public EmulatorState(EmulatorOptions options)
    {
        Options = options;
        Ids = new IdGenerator(options.Seed);
        Faults = new FaultInjector(options.Seed, options.Faults);
        Logger = options.LoggerFactory?.CreateLogger("Batchata.Emulator") ?? NullLogger.Instance;
    }

    public EmulatorOptions Options { get; }

    public IdGenerator Ids { get; }

    public FaultInjector Faults { get; }

    public ILogger Logger { get; }

    /// <summary>Gets the file where answered batches keep their outcomes (closed when the emulator is disposed).</summary>
    public OutcomeSpill Spill { get; } = new();

    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    public TimeProvider Clock => Options.TimeProvider;

    /// <summary>The models one provider lists now: from <see cref="EmulatorOptions.ModelsFile"/> when set, else <see cref="EmulatorOptions.Models"/>.</summary>
    public List<EmulatedModel> ModelsOf(string provider)
    {
        var all = Options.ModelsFile is { } file ? EmulatedModel.ListFromJson(File.ReadAllText(file)) : [.. Options.Models];
        return all.Where(m => m.Provider == provider).ToList();
    }

    public long NextOrdinal() => Interlocked.Increment(ref _ordinal);

    /// <summary>Gets how many calls were refused with 429 insufficient_quota (<see cref="FaultOptions.QuotaExhausted"/>).</summary>
    public int QuotaRejections => Volatile.Read(ref _quotaRejections);

    public void CountQuotaRejection() => Interlocked.Increment(ref _quotaRejections);

    /// <summary>How many batches a queue limit refused (a 429 on create, or an OpenAI batch failed with token_limit_exceeded).</summary>
    public int QueueRefusals => Volatile.Read(ref _queueRefusals);

    public void CountQueueRefusal() => Interlocked.Increment(ref _queueRefusals);

    /// <summary>How many faults were injected so far, by kind (see <see cref="BatchEmulator.InjectedFaults"/>).</summary>
    public IReadOnlyDictionary<string, int> InjectedFaults()
    {
        lock (_injected)
        {
            return new Dictionary<string, int>(_injected, StringComparer.Ordinal);
        }
    }

    public void CountFault(string kind)
    {
        lock (_injected)
        {
            _injected[kind] = _injected.GetValueOrDefault(kind) + 1;
        }
    }

    public AnswerContext NewAnswerContext(long ordinal, IReadOnlyList<string> retryableTypes) =>
        new(Options.Seed, ordinal, Options.Faults.RetryableRequestErrorRate, retryableTypes);

    /// <summary>Records a created batch, with <paramref name="status"/> to give its provider status at a time.</summary>
    /// <remarks>
    /// It takes the batch and a static function rather than a lambda written in the create handler: such a lambda
    /// shares the handler's closure, and so kept its request lists, ids and answer buffers alive for the emulator's
    /// life (a 1M-job run: 181 MB of managed heap held at the end).
    /// </remarks>
    public void Record<TBatch>(BatchCore core, TBatch batch, Func<TBatch, DateTimeOffset, string> status)
    {
        var clock = Clock;
        var emulated = new EmulatedBatch(core, () => status(batch, clock.GetUtcNow()));
        lock (_batches)
        {
            _batches.Add(emulated);
        }
    }

    public IReadOnlyList<EmulatedBatch> Batches()
    {
        lock (_batches)
        {
            return [.. _batches];
        }
    }

    /// <summary>True the first time a given result stream is downloaded, when truncation is on.</summary>
    public bool ShouldTruncate(string streamKey)
    {
        if (!Options.Faults.TruncateResultStreams)
        {
            return false;
        }

        bool first;
        lock (_truncated)
        {
            first = _truncated.Add(streamKey);
        }

        if (first)
        {
            CountFault("truncated_stream");
        }

        return first;
    }

    /// <summary>Closes the outcome file.</summary>
    public void Dispose() => Spill.Dispose();

    public int[] ShuffledOrder(BatchCore core) => Seeded.Permutation(core.Count, Options.Seed, core.Ordinal);
}
