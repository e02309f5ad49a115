namespace Batchata.IntegrationTests.Reliability;

/// <summary>Issue 7, must-show 1: transient HTTP faults and retryable request errors are ridden through without loss or duplication.</summary>
public sealed class SoakTests
{
    [Fact]
    public async Task RunAsync_TenPercentTransientFaultsFivePercentRetryableErrors_AllTwoThousandComplete()
    {
        await using var h = await EmulatorHarness.StartAsync(o =>
        {
            o.ProcessingLatency = TimeSpan.FromSeconds(10);
            o.Seed = 7;
            o.Faults.TransientFailureRate = 0.10;
            o.Faults.RetryableRequestErrorRate = 0.05;
        });
        var batch = h.NewBatch(maxParallelBatches: 6, itemsPerBatch: 200).SetDefaultParams(maxTokens: 40).SetRetryPolicy(6);
        for (var i = 0; i < 2000; i++)
        {
            batch.AddJob(prompt: $"Soak {i}", id: $"s{i:D4}", model: (i % 3) switch { 0 => "claude-haiku-5-5", 1 => "gpt-6-luna", _ => "gemini-2.5-flash" });
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results();
        Assert.Equal(2000, results.Completed.Count);
        Assert.Equal(2000, h.ResultFiles().Length);

        // Each provider batch was created once per intended submission: every request id of a created batch
        // belongs to exactly one created batch unless it was resubmitted after a retryable per-request error.
        var created = h.Emulator.CreatedBatches;
        var tags = created.Where(b => b.Metadata is not null && b.Metadata.ContainsKey("batchata_tag")).Select(b => b.Metadata!["batchata_tag"]).ToList();
        Assert.Equal(tags.Count, tags.Distinct().Count());
        var submissions = created.SelectMany(b => b.CustomIds).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2000, submissions.Count);
        var resubmitted = submissions.Count(kv => kv.Value > 1);
        Assert.InRange(resubmitted, 1, 400);

        // Cost equals usage counted once (errored requests are not billed by the emulator).
        var catalog = ModelCatalog.Default;
        var expected = 0m;
        foreach (var b in created)
        {
            var model = catalog.Resolve(b.Provider switch { "anthropic" => "claude-haiku-5-5", "openai" => "gpt-6-luna", _ => "gemini-2.5-flash" }, new DateOnly(2026, 11, 29), out _);
            expected += CostCalculator.BatchCost(model, new TokenUsage(b.InputTokens, b.OutputTokens));
        }

        Assert.Equal(expected, results.TotalCostUsd);
    }
}
