using Batchata.Emulator;

namespace Batchata.IntegrationTests.Engine;

/// <summary>
/// Issue 14: the providers' queue limits are admission, not failure. A limit that fits a third of the jobs: every job
/// completes, none fails, the batches run in three honest waves (each wave created only after the one before ended),
/// and with the limit known up front no batch is created that the provider must refuse.
/// </summary>
public sealed class QueueAdmissionTests
{
    private const int Jobs = 30;
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OpenAI_KnownEnqueuedTokenLimit_ThreeWavesAndNoRefusedBatch()
    {
        var perJob = await EmulatorTokensPerJobAsync("gpt-6-luna");
        await using var h = await EmulatorHarness.StartAsync(o => { o.ProcessingLatency = Latency; o.EnqueuedTokenLimit = (perJob * 10) + (perJob / 2); });
        var batch = AddJobs(h.NewBatch(), "gpt-6-luna");
        var estimate = (await batch.DryRunAsync(TestContext.Current.CancellationToken)).Groups.Single().EstimatedInputTokens / Jobs;
        batch.SetQueueLimit("openai", maxEnqueuedTokens: (estimate * 10) + (estimate / 2));
        var waiting = new List<string>();

        var run = await h.RunAsync(batch, new SynchronousProgress(p => Note(p, waiting)), TestContext.Current.CancellationToken);

        AssertAllCompletedInWaves(run, h.Emulator, expectedWaves: 3);
        Assert.Equal(0, h.Emulator.QueueRefusals);
        Assert.Contains("waiting for provider queue (openai gpt-6-luna)", waiting);
    }

    [Fact]
    public async Task OpenAI_TokenLimitExceeded_NoJobFails_LearnsTheLimit_ThreeWaves()
    {
        var perJob = await EmulatorTokensPerJobAsync("gpt-6-luna");
        await using var h = await EmulatorHarness.StartAsync(o => { o.ProcessingLatency = Latency; o.EnqueuedTokenLimit = (perJob * 10) + (perJob / 2); });
        var batch = AddJobs(h.NewBatch(), "gpt-6-luna");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        AssertAllCompletedInWaves(run, h.Emulator, expectedWaves: 3);
        Assert.True(h.Emulator.QueueRefusals >= 1); // the first batch held every job and was refused, with nothing paid
        Assert.All(h.Emulator.CreatedBatches.Where(b => b.Status == "failed"), b => Assert.Equal(0, b.InputTokens));
        Assert.Equal(Jobs, run.Results().Completed.Count);
    }

    [Theory]
    [InlineData("anthropic", "claude-haiku-5-5")]
    [InlineData("gemini", "gemini-2.5-flash")]
    public async Task QueueFull429_KnownLimit_ThreeWavesAndNoRefusedCreate(string provider, string model)
    {
        await using var h = await EmulatorHarness.StartAsync(o => { o.ProcessingLatency = Latency; o.QueueLimit = 10; });
        var batch = AddJobs(h.NewBatch(), model).SetQueueLimit(provider, maxQueuedRequests: 10);
        var waiting = new List<string>();

        var run = await h.RunAsync(batch, new SynchronousProgress(p => Note(p, waiting)), TestContext.Current.CancellationToken);

        AssertAllCompletedInWaves(run, h.Emulator, expectedWaves: 3);
        Assert.Equal(0, h.Emulator.QueueRefusals);
        Assert.Contains($"waiting for provider queue ({provider})", waiting);
    }

    [Theory]
    [InlineData("claude-haiku-5-5")]
    [InlineData("gemini-2.5-flash")]
    public async Task QueueFull429_UnknownLimit_LearnsItFromTheRefusals_ThreeWaves(string model)
    {
        await using var h = await EmulatorHarness.StartAsync(o => { o.ProcessingLatency = Latency; o.QueueLimit = 10; });
        var batch = AddJobs(h.NewBatch(), model);
        var waiting = new List<string>();

        var run = await h.RunAsync(batch, new SynchronousProgress(p => Note(p, waiting)), TestContext.Current.CancellationToken);

        // The 429 does not state the limit, but each answer bounds it (30 refused, 15 refused, 7 created, 4 more
        // refused, 2 created, 1 created): the first wave fills the queue to its 10, and so does each later one. A 429
        // with nothing else in flight may be a passing rate limit, so ProviderHttp retries it (7 answers each for the
        // 30 and the 15); one while others are in flight means a full queue and reaches admission at once (the 4).
        AssertAllCompletedInWaves(run, h.Emulator, expectedWaves: 3);
        Assert.Equal(15, h.Emulator.QueueRefusals);
        Assert.Equal(Jobs, h.Emulator.CreatedBatches.Sum(b => b.RequestCount));
        Assert.Contains("waiting for provider queue (", waiting.Select(w => w[..28]));
    }

    [Theory]
    [InlineData("claude-haiku-5-5")]
    [InlineData("gemini-2.5-flash")]
    public async Task QueueFull429_WhileAnotherBatchIsInFlight_GoesToAdmissionAtOnce_NotRetried(string model)
    {
        // Batches of 10 against a queue of 10. Wave 1 submits three: the first is created, the other two are refused
        // while it is in flight; wave 2 submits two, one refused; wave 3 the last one. Such a 429 means the queue is
        // full, so it reaches admission at once: one refusal per refused create (3), where before each was retried by
        // ProviderHttp (6 times) and by the create reconciler (4 attempts, 7 s of back-off) first.
        await using var h = await EmulatorHarness.StartAsync(o => { o.ProcessingLatency = Latency; o.QueueLimit = 10; });
        var batch = AddJobs(h.NewBatch(itemsPerBatch: 10), model);

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        AssertAllCompletedInWaves(run, h.Emulator, expectedWaves: 3);
        Assert.Equal(5, h.Emulator.QueueRefusals);
    }

    private static Batch AddJobs(Batch batch, string model)
    {
        batch.SetDefaultParams(maxTokens: 50);
        for (var i = 0; i < Jobs; i++)
        {
            batch.AddJob(prompt: $"Name a colour for item {i + 10}.", id: $"q{i}", model: model);
        }

        return batch;
    }

    private static void Note(BatchProgress progress, List<string> waiting)
    {
        var line = TextStatusPrinter.StatusLine(progress);
        var at = line.IndexOf("waiting for provider queue", StringComparison.Ordinal);
        if (at >= 0)
        {
            waiting.Add(line[at..]);
        }
    }

    /// <summary>The prompt tokens the emulator counts for one of these jobs (it answers with a real tokenizer), from a one-job run.</summary>
    private static async Task<long> EmulatorTokensPerJobAsync(string model)
    {
        await using var probe = await EmulatorHarness.StartAsync();
        var batch = probe.NewBatch().SetDefaultParams(maxTokens: 50);
        batch.AddJob(prompt: "Name a colour for item 10.", id: "probe", model: model);
        var run = await probe.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);
        return run.Results().Completed.Single().InputTokens;
    }

    private static void AssertAllCompletedInWaves(BatchRun run, BatchEmulator emulator, int expectedWaves)
    {
        Assert.Equal(Jobs, run.Results().Completed.Count);
        Assert.Empty(run.Results().Failed);
        Assert.Empty(run.Results().Cancelled);
        var waves = Waves(emulator);
        Assert.True(expectedWaves == waves.Count, "Batches (created, ended, requests):\n" + string.Join("\n", emulator.CreatedBatches.OrderBy(b => b.CreatedAt).Select(b => $"{b.CreatedAt:HH:mm:ss.fff} {b.EndedAt:HH:mm:ss.fff} {b.RequestCount}")));
        Assert.All(waves, w => Assert.Equal(Jobs / expectedWaves, w.Requests));
        Assert.Equal(Jobs, emulator.CreatedBatches.Where(b => b.RequestCount > 0).SelectMany(b => b.CustomIds).Distinct().Count());
    }

    /// <summary>
    /// The waves of a run: batches that ran (a refused OpenAI batch holds no requests), grouped by how many latencies
    /// were paid back to back before each was created (a batch created after another ended is one wave later).
    /// </summary>
    private static List<(int Wave, int Requests)> Waves(BatchEmulator emulator)
    {
        var ran = emulator.CreatedBatches.Where(b => b.RequestCount > 0).OrderBy(b => b.CreatedAt).ToList();
        var depth = new Dictionary<EmulatedBatch, int>();
        foreach (var b in ran)
        {
            depth[b] = 1 + ran.Where(a => depth.ContainsKey(a) && a.EndedAt is { } end && end <= b.CreatedAt).Select(a => depth[a]).DefaultIfEmpty(0).Max();
        }

        return depth.GroupBy(d => d.Value).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(d => d.Key.RequestCount))).ToList();
    }
}

/// <summary>The engine's guard against a planner that cannot move must not mistake a cost limit refusing thousands of jobs for one.</summary>
public sealed class PlannerProgressTests
{
    [Fact]
    public async Task RunAsync_CostLimitRefusesThousandsOfJobs_AllFailAndNothingIsSubmitted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(maxTokens: 4000).AddCostLimit(0.000001m);
        for (var i = 0; i < 3_500; i++)
        {
            batch.AddJob(prompt: $"Job {i}", id: $"c{i}", model: "claude-haiku-5-5");
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3_500, run.Results().Failed.Count);
        Assert.All(run.Results().Failed, r => Assert.Equal(JobFailureKind.CostLimitExceeded, r.FailureKind));
        Assert.Empty(h.Emulator.CreatedBatches);
    }
}
