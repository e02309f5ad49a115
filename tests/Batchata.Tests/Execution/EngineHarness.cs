using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Batchata.Tests.Execution;

/// <summary>
/// An engine wired to a <see cref="ScriptedProvider"/>, a <see cref="FakeTimeProvider"/> that only the test moves,
/// and a state file in a temporary directory: the run's real state store, sink, planner and trackers, no HTTP.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    public const string Model = "scripted-1";

    /// <summary>A catalog with one model of the scripted provider: $1 per million tokens in and out at batch prices.</summary>
    public static readonly ModelCatalog Catalog = ModelCatalog.FromJson("""
        {"schema_version":1,"models":[{"id":"scripted-1","provider":"scripted","lifecycle":"active",
          "pricing":{"input":2,"output":2,"batch_input":1,"batch_output":1},"context_window":100000,"max_output_tokens":4096}]}
        """);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-engine", Guid.NewGuid().ToString("N"));
    private RunStore? _store;

    public EngineHarness(ScriptedProvider provider)
    {
        Provider = provider;
        Directory.CreateDirectory(_dir);
    }

    public ScriptedProvider Provider { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    public string ResultsDir => _dir;

    public string StatePath => Path.Combine(_dir, ".batchata", "state.db");

    public RunStore Store => _store ??= RunStore.Open(StatePath, Time);

    public static JobRequest Job(string id, int maxTokens = 1_000) => new()
    {
        Id = id,
        Model = Model,
        Provider = "scripted",
        Messages = [new JobMessage("user", "question " + id)],
        MaxTokens = maxTokens,
    };

    public static IEnumerable<SpooledJob> Spooled(IEnumerable<JobRequest> jobs) => jobs.Select(j => new SpooledJob(j, StateSerializer.Serialize(j)));

    public RunSettings Settings(int maxParallelBatches = 4, int? itemsPerBatch = null, decimal? costLimit = null, TimeSpan? timeLimit = null, int maxAttempts = 3)
        => new(_dir, maxParallelBatches, itemsPerBatch, costLimit, timeLimit, RawFiles: false, maxAttempts, RetryFailed: false, CancelGracePeriod: TimeSpan.FromMinutes(5), ProgressInterval: TimeSpan.FromSeconds(1));

    /// <summary>A run context over the state file, as <c>Batch.RunAsync</c> builds it (a fresh state and sink per run).</summary>
    public (RunContext Run, ResultSink Sink) Context(RunSettings settings)
    {
        var state = new RunState(new CostLedger(settings.CostLimitUsd, Store.SpentUsd()), Time);
        var sink = new ResultSink(settings.ResultsDir, Store, state);
        var registry = new ProviderRegistry(new(), new(), new(), Time, new EnvironmentSettings(Path.Combine(_dir, "no.env"), _ => null)).Register(Provider);
        return (new RunContext(settings, Store, state, sink, registry, Catalog, Time, NullLogger.Instance, null), sink);
    }

    /// <summary>Runs the engine to its end over <paramref name="jobs"/>.</summary>
    public async Task<(StopReason Stop, BatchStatus Status)> RunAsync(RunSettings settings, IEnumerable<JobRequest> jobs, CancellationToken cancellationToken = default)
    {
        var (run, sink) = Context(settings);
        using (sink)
        {
            var stop = await new RunEngine(run, Spooled(jobs)).RunAsync(cancellationToken);
            return (stop, run.State.Status());
        }
    }

    public Dictionary<string, StoredJob> StoredJobs() => Store.LoadJobs().ToDictionary(j => j.Id);

    public void Dispose()
    {
        _store?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
