using Microsoft.Extensions.Logging;

namespace Batchata;

/// <summary>What every part of a running engine shares.</summary>
internal sealed class RunContext
{
    private readonly IProgress<BatchProgress>? _progress;
    private readonly Dictionary<string, SemaphoreSlim> _createGates = new(StringComparer.Ordinal);
    private long _lastReport;

    public RunContext(RunSettings settings, RunStore store, RunState state, ResultSink sink, ProviderRegistry providers, ModelCatalog catalog, TimeProvider time, ILogger logger, IProgress<BatchProgress>? progress)
    {
        Settings = settings;
        Catalog = catalog;
        Store = store;
        State = state;
        Sink = sink;
        Providers = providers;
        Time = time;
        Logger = logger;
        _progress = progress;
        Queues = new ProviderQueues(settings.MaxParallelBatches, settings.QueueLimits, settings.MaxJobsInFlight);
    }

    /// <summary>Batches in flight per provider and the providers' queue limits.</summary>
    public ProviderQueues Queues { get; }

    public RunSettings Settings { get; }

    public ModelCatalog Catalog { get; }

    public RunStore Store { get; }

    public RunState State { get; }

    public ResultSink Sink { get; }

    public ProviderRegistry Providers { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    /// <summary>Whether a run without state adopts the completed result files it finds (not with a fresh start).</summary>
    public bool AdoptResultFiles { get; init; } = true;

    /// <summary>Warnings that need the user's attention (also logged).</summary>
    public RunWarnings Warnings { get; init; } = new();

    /// <summary>
    /// Serializes batch creation per provider, so that a create whose answer was lost can be reconciled
    /// without mistaking a sibling batch created at the same moment for it.
    /// </summary>
    public SemaphoreSlim CreateGate(string provider)
    {
        lock (_createGates)
        {
            if (!_createGates.TryGetValue(provider, out var gate))
            {
                _createGates[provider] = gate = new SemaphoreSlim(1, 1);
            }

            return gate;
        }
    }

    /// <summary>Sends a progress snapshot, at most once per progress interval unless forced.</summary>
    public void Report(bool force = false)
    {
        if (_progress is null)
        {
            return;
        }

        var now = Time.GetTimestamp();
        var last = Interlocked.Read(ref _lastReport);
        if (!force && last != 0 && Time.GetElapsedTime(last, now) < Settings.ProgressInterval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastReport, now, last) == last || force)
        {
            _progress.Report(State.Progress(Settings.TimeLimit, Queues.Waiting(), Queues.AtJobsLimit ? Settings.MaxJobsInFlight : null));
        }
    }

    /// <summary>The catalog's model of a job read from the state file, or a clear error when the catalog no longer has it.</summary>
    public ModelInfo StoredModel(string modelId, string jobId)
        => Catalog.TryGet(modelId, out var model)
            ? model
            : throw new StateStoreException($"The state file '{Store.Path}' has job '{jobId}' for model '{modelId}', which the catalog does not know. Add the model to your catalog override, or start fresh (reuseState: false / --fresh).");
}
