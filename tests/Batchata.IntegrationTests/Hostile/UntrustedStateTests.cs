namespace Batchata.IntegrationTests.Hostile;

/// <summary>Issue 19, item 3: a state that cannot be trusted is not trusted, and completed result files are never paid for again.</summary>
public sealed class UntrustedStateTests
{
    private const int Jobs = 6;

    [Fact]
    public async Task Run_StateDirectoryDeletedButResultFilesThere_AdoptsThemAndSubmitsNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var first = await RunAsync(h);
        var before = Snapshot(h);
        Directory.Delete(Path.Combine(h.ResultsDir, ".batchata"), recursive: true);

        var run = await RunAsync(h);

        Assert.Equal(Jobs, run.Results().Completed.Count);
        Assert.Equal(Jobs, h.Emulator.CreatedBatches.Sum(b => b.RequestCount));
        Assert.Equal(before, Snapshot(h));
        Assert.Equal(first.Results().TotalCostUsd, run.Results().TotalCostUsd);
        Assert.Equal(first.Results().TotalCostUsd, run.Status().CostUsd);
    }

    [Fact]
    public async Task Run_CompletedResultFilesDeletedOrCorrupted_RewrittenFromTheStateNothingSubmittedNothingPaidAgain()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var first = await RunAsync(h);
        var before = Snapshot(h);
        var spent = first.Status().CostUsd;
        File.Delete(Path.Combine(h.ResultsDir, "j0.json"));
        File.WriteAllText(Path.Combine(h.ResultsDir, "j1.json"), "{ not json");

        var run = await RunAsync(h);

        Assert.Equal(before, Snapshot(h));
        Assert.Equal(Jobs, h.Emulator.CreatedBatches.Sum(b => b.RequestCount));
        Assert.Equal(Jobs, run.Results().Completed.Count);
        Assert.Equal(spent, run.Status().CostUsd);
        Assert.Equal(first.Results().TotalCostUsd, run.Results().TotalCostUsd);
    }

    [Fact]
    public async Task Run_SomeResultFilesMissingAndNoState_SubmitsOnlyThoseJobs()
    {
        // Without the state file there is no stored answer to rewrite them from: only these jobs are paid again.
        await using var h = await EmulatorHarness.StartAsync();
        await RunAsync(h);
        Directory.Delete(Path.Combine(h.ResultsDir, ".batchata"), recursive: true);
        File.Delete(Path.Combine(h.ResultsDir, "j0.json"));
        File.WriteAllText(Path.Combine(h.ResultsDir, "j1.json"), "{ not json");

        var run = await RunAsync(h);

        Assert.Equal(Jobs, run.Results().Completed.Count);
        var resubmitted = h.Emulator.CreatedBatches.SelectMany(b => b.CustomIds).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).Order().ToList();
        Assert.Equal(["j0", "j1"], resubmitted);
    }

    [Fact]
    public async Task Run_Fresh_SubmitsAgainEvenWithResultFiles()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await RunAsync(h);
        Directory.Delete(Path.Combine(h.ResultsDir, ".batchata"), recursive: true);

        await RunAsync(h, fresh: true);

        Assert.Equal(2 * Jobs, h.Emulator.CreatedBatches.Sum(b => b.RequestCount));
    }

    [Fact]
    public async Task Run_EmptyStateFile_RefusedNothingSubmittedResultFilesKept()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await RunAsync(h);
        var before = Snapshot(h);
        var state = Path.Combine(h.ResultsDir, ".batchata", "state.db");
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(state)!, "state.db*"))
        {
            File.Delete(file);
        }

        File.WriteAllBytes(state, []);

        var ex = await Assert.ThrowsAsync<StateStoreException>(() => RunAsync(h));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Jobs, h.Emulator.CreatedBatches.Sum(b => b.RequestCount));
        Assert.Equal(before, Snapshot(h));
        Assert.Equal(0, new FileInfo(state).Length);
    }

    private static async Task<BatchRun> RunAsync(EmulatorHarness h, bool fresh = false)
    {
        var batch = h.NewBatch(itemsPerBatch: 3).SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 30);
        if (fresh)
        {
            batch.SetState(reuseState: false);
        }

        for (var i = 0; i < Jobs; i++)
        {
            batch.AddJob(prompt: $"Untrusted {i}", id: $"j{i}");
        }

        return await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static Dictionary<string, string> Snapshot(EmulatorHarness h)
        => h.ResultFiles().ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f));
}
