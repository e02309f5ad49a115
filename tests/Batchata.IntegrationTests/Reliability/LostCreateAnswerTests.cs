namespace Batchata.IntegrationTests.Reliability;

/// <summary>Never pay twice: a create that succeeded but whose answer was lost is found again, not repeated.</summary>
public sealed class LostCreateAnswerTests
{
    [Theory]
    [InlineData("claude-haiku-5-5")]
    [InlineData("gpt-6-luna")]
    [InlineData("gemini-3.8-flash")]
    public async Task RunAsync_CreateAnswerLost_BatchReconciledNotCreatedTwice(string model)
    {
        await using var h = await EmulatorHarness.StartAsync(o =>
        {
            o.ProcessingLatency = TimeSpan.FromSeconds(10);
            o.Faults.LostCreateAnswerRate = 1.0; // every create: made, then the answer dropped
            o.Seed = 11;
        });
        var batch = h.NewBatch(itemsPerBatch: 3).SetDefaultParams(model: model, maxTokens: 50);
        for (var i = 0; i < 12; i++)
        {
            batch.AddJob(prompt: $"Lost answer {i}", id: $"l{i:D2}");
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(12, run.Results().Completed.Count);
        var created = h.Emulator.CreatedBatches;
        Assert.Equal(4, created.Count);
        Assert.Equal(12, created.SelectMany(b => b.CustomIds).Distinct().Count());
        Assert.Equal(12, created.Sum(b => b.RequestCount));
    }
}
