namespace Batchata.IntegrationTests.Engine;

/// <summary>Issue 16: <c>BatchRun.Results()</c> means this run's jobs; <c>BatchResults.Load</c> reads the whole results directory.</summary>
public sealed class ResultsScopeTests
{
    private const string Model = "claude-haiku-5-5";

    [Fact]
    public async Task Results_AreThisRunsJobs_AndLoadReadsTheWholeDirectory()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.RunAsync(h.NewBatch().SetDefaultParams(model: Model, maxTokens: 30).AddJob(prompt: "One", id: "a").AddJob(prompt: "Two", id: "b"),
            cancellationToken: TestContext.Current.CancellationToken);

        var second = await h.RunAsync(h.NewBatch().SetDefaultParams(model: Model, maxTokens: 30).AddJob(prompt: "Three", id: "c").AddJob(prompt: "One", id: "a"),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["c", "a"], second.Results().All.Select(r => r.JobId));
        Assert.Equal(["c", "a"], second.Results().Completed.Select(r => r.JobId));
        var all = BatchResults.Load(h.ResultsDir);
        Assert.Equal(["a", "b", "c"], all.All.Select(r => r.JobId));
        Assert.Equal(3, all.Completed.Count);
        Assert.Equal(all.All.Sum(r => r.CostUsd), all.TotalCostUsd);

        // A copy of the result files without the state file is read by file name.
        var copy = Path.Combine(h.Directory, "copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(h.ResultsDir, "*.json"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        Assert.Equal(["a", "b", "c"], BatchResults.Load(copy).All.Select(r => r.JobId));
        Assert.Throws<StateStoreException>(() => BatchResults.Load(copy, Path.Combine(copy, "nope.db")));
    }
}
