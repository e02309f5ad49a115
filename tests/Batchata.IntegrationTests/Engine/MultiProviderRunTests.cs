namespace Batchata.IntegrationTests.Engine;

/// <summary>Issues 4 and 8: OpenAI and Gemini through the engine, alone and mixed with Anthropic.</summary>
public sealed class MultiProviderRunTests
{
    [Fact]
    public async Task RunAsync_FortyOpenAIJobsOverTwoModels_AtLeastTwoBatchesAllCompleted()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromSeconds(30));
        var batch = h.NewBatch(maxParallelBatches: 4).SetDefaultParams(maxTokens: 100);
        for (var i = 0; i < 40; i++)
        {
            batch.AddJob(prompt: $"Name a colour number {i}.", id: $"oa-{i}", model: i % 2 == 0 ? "gpt-6-luna" : "gpt-5.4-mini");
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var created = h.Emulator.CreatedBatches;
        Assert.True(created.Count >= 2);
        Assert.All(created, b => Assert.Equal("openai", b.Provider));
        Assert.Equal(40, run.Results().Completed.Count);
        Assert.All(run.Results().Completed, r => Assert.True(r.CostUsd > 0));
    }

    [Fact]
    public async Task RunAsync_MixedAnthropicAndOpenAI_OneResultSetOneCost()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromSeconds(30));
        var batch = h.NewBatch().SetDefaultParams(maxTokens: 100);
        for (var i = 0; i < 6; i++)
        {
            batch.AddJob(prompt: $"Claude job {i}", id: $"c{i}", model: "claude-haiku-5-5");
            batch.AddJob(prompt: $"GPT job {i}", id: $"g{i}", model: "gpt-6-luna");
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results();
        Assert.Equal(12, results.Completed.Count);
        Assert.Equal(["anthropic", "openai"], h.Emulator.CreatedBatches.Select(b => b.Provider).Distinct().Order());
        Assert.Equal(results.Completed.Sum(r => r.CostUsd), run.Status().CostUsd);
        Assert.Equal(["anthropic", "openai"], results.Completed.Select(r => r.Provider!).Distinct().Order());
    }

    [Fact]
    public async Task RunAsync_AllThreeProviders_CompleteWithFailuresMappedPerJob()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromSeconds(30));
        var batch = h.NewBatch().SetDefaultParams(maxTokens: 100).SetRetryPolicy(1);
        batch.AddJob(prompt: "Claude", id: "claude", model: "claude-haiku-5-5");
        batch.AddJob(prompt: "GPT", id: "gpt", model: "gpt-6-luna");
        batch.AddJob(prompt: "Gemini", id: "gemini", model: "gemini-2.5-flash");
        batch.AddJob(prompt: "Gemini fails [[emulator:error=INVALID_ARGUMENT]]", id: "gemini-bad", model: "gemini-2.5-flash");
        batch.AddJob(prompt: "GPT fails [[emulator:error=invalid_request_error]]", id: "gpt-bad", model: "gpt-6-luna");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results();
        Assert.Equal(["claude", "gpt", "gemini"], results.Completed.Select(r => r.JobId));
        Assert.Equal(["gemini-bad", "gpt-bad"], results.Failed.Select(r => r.JobId).Order());
        Assert.All(results.Failed, r => Assert.Equal(JobFailureKind.ProviderError, r.FailureKind));
        Assert.Equal(["anthropic", "gemini", "openai"], h.Emulator.CreatedBatches.Select(b => b.Provider).Distinct().Order());
    }

    [Fact]
    public async Task RunAsync_OpenAIExpiredBatch_KeepsFinishedFailsRestAsExpired()
    {
        await using var h = await EmulatorHarness.StartAsync(o =>
        {
            o.ProcessingLatency = TimeSpan.FromHours(2);
            o.Faults.ExpireAfter = TimeSpan.FromHours(1);
        });
        var batch = h.NewBatch(itemsPerBatch: 10).SetDefaultParams(model: "gpt-6-luna", maxTokens: 50).SetRetryPolicy(1);
        for (var i = 0; i < 10; i++)
        {
            batch.AddJob(prompt: $"Item {i}", id: $"e{i}");
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results();
        Assert.NotEmpty(results.Completed);
        Assert.NotEmpty(results.Failed);
        Assert.All(results.Failed, r =>
        {
            Assert.Equal(JobFailureKind.Expired, r.FailureKind);
            Assert.Contains("expired", r.Error);
        });
        Assert.Equal(10, results.Completed.Count + results.Failed.Count);
    }

    [Fact]
    public async Task RunAsync_GeminiFileBatch_WhenInlineLimitIsSmall()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var small = new Batch(h.ResultsDir, itemsPerBatch: 10)
            .UseGemini(o => { o.ApiKey = h.Emulator.ApiKey; o.BaseUrl = h.Emulator.GeminiBaseUrl; o.PollInterval = TimeSpan.FromSeconds(1); o.InlineLimitBytes = 100; })
            .SetTimeProvider(h.Time!)
            .SetDefaultParams(model: "gemini-2.5-flash", maxTokens: 50);
        small.EnvironmentVariables = _ => null;
        for (var i = 0; i < 5; i++)
        {
            small.AddJob(prompt: $"File job {i}", id: $"f{i}");
        }

        var run = await h.RunAsync(small, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, run.Results().Completed.Count);
        var created = Assert.Single(h.Emulator.CreatedBatches);
        Assert.Equal("gemini", created.Provider);
        Assert.Equal(5, created.RequestCount);
    }
}
