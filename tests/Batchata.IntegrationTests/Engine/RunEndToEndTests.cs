using Batchata.Emulator;

namespace Batchata.IntegrationTests.Engine;

/// <summary>Issue 2's end-to-end cases on the emulator over real HTTP (limits and cancellation for all three providers).</summary>
public sealed class RunEndToEndTests
{
    private const string Model = "claude-haiku-5-5";

    [Fact]
    public async Task RunAsync_TwentyFiveJobsTenPerBatch_ThreeBatchesAllCompletedCostsEqualUsage()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromSeconds(20));
        var batch = h.NewBatch(itemsPerBatch: 10).SetDefaultParams(model: Model, maxTokens: 200);
        for (var i = 0; i < 25; i++)
        {
            batch.AddJob(prompt: $"Write one sentence about the number {i}.", id: $"job-{i:D2}");
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var created = h.Emulator.CreatedBatches;
        Assert.Equal(3, created.Count);
        Assert.Equal([10, 10, 5], created.Select(b => b.RequestCount).OrderByDescending(c => c));
        var results = run.Results();
        Assert.Equal(25, results.Completed.Count);
        Assert.Empty(results.Failed);
        Assert.Equal(25, h.ResultFiles().Length);
        Assert.True(run.IsComplete);

        // The cost of every job is its usage at the catalog's batch prices, and the total matches what the emulator counted.
        var model = ModelCatalog.Default.Resolve(Model, new DateOnly(2026, 11, 29), out _);
        foreach (var r in results.Completed)
        {
            Assert.True(r.InputTokens > 0 && r.OutputTokens > 0);
            Assert.Equal(CostCalculator.BatchCost(model, new TokenUsage(r.InputTokens, r.OutputTokens)), r.CostUsd);
        }

        var emulatorCost = CostCalculator.BatchCost(model, new TokenUsage(created.Sum(b => b.InputTokens), created.Sum(b => b.OutputTokens)));
        Assert.Equal(emulatorCost, results.TotalCostUsd);
        Assert.Equal(emulatorCost, run.Status().CostUsd);
    }

    [Theory]
    [InlineData("claude-opus-5-5")]
    [InlineData("gpt-6.2-sol")]
    [InlineData("gemini-2.5-pro")]
    public async Task RunAsync_CostLimitFitsPart_RestFailWithCostLimitAndSpendStaysUnder(string model)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch(itemsPerBatch: 5).SetDefaultParams(model: model, maxTokens: 4000);
        for (var i = 0; i < 20; i++)
        {
            batch.AddJob(prompt: $"Question {i}: what is {i} plus {i}?", id: $"q{i}");
        }

        // Worst case per job ≈ 4000 output tokens × $5–10/M = $0.02–0.04 (+ input): a $0.10 limit fits a few.
        batch.AddCostLimit(0.10m);
        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results();
        Assert.NotEmpty(results.Completed);
        Assert.NotEmpty(results.Failed);
        Assert.All(results.Failed, r =>
        {
            Assert.Equal(JobFailureKind.CostLimitExceeded, r.FailureKind);
            Assert.Contains("Cost limit exceeded", r.Error);
            Assert.Null(r.BatchId);
        });
        Assert.True(run.Status().CostUsd <= 0.10m);
        var submitted = h.Emulator.CreatedBatches.Sum(b => b.RequestCount);
        Assert.Equal(results.Completed.Count, submitted);
        Assert.Equal(20, h.ResultFiles().Length);
    }

    [Theory]
    [InlineData(Model)]
    [InlineData("gpt-6-luna")]
    [InlineData("gemini-2.5-flash")]
    public async Task RunAsync_TimeLimitShorterThanProcessing_BatchesCancelledJobsFailWithTimeLimit(string model)
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromHours(2));
        var batch = h.NewBatch(itemsPerBatch: 4).SetDefaultParams(model: model).AddTimeLimit(seconds: 30);
        for (var i = 0; i < 8; i++)
        {
            batch.AddJob(prompt: $"Slow job {i}", id: $"slow-{i}");
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(run.TimeLimitReached);
        Assert.Equal(2, h.Emulator.CreatedBatches.Count);
        Assert.All(h.Emulator.CreatedBatches, b => Assert.True(b.CancelRequested));
        var results = run.Results();
        Assert.Equal(8, results.Failed.Count);
        Assert.All(results.Failed, r =>
        {
            Assert.Equal(JobFailureKind.TimeLimitExceeded, r.FailureKind);
            Assert.Contains("Time limit exceeded", r.Error);
        });
        Assert.True(run.IsComplete);
    }

    [Theory]
    [InlineData(Model)]
    [InlineData("gpt-6-luna")]
    [InlineData("gemini-2.5-flash")]
    public async Task RunAsync_TokenCancelled_ProviderBatchesCancelledJobsCancelled(string model)
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromHours(2));
        var batch = h.NewBatch(itemsPerBatch: 3).SetDefaultParams(model: model);
        for (var i = 0; i < 6; i++)
        {
            batch.AddJob(prompt: $"Job {i}", id: $"c-{i}");
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SynchronousProgress(p =>
        {
            if (p.Status.Running == 6 && p.Batches.All(b => b.BatchId is not null))
            {
                cts.Cancel();
            }
        });
        var run = await h.RunAsync(batch, progress, cts.Token);

        Assert.True(run.WasCancelled);
        Assert.Equal(2, h.Emulator.CreatedBatches.Count);
        Assert.All(h.Emulator.CreatedBatches, b => Assert.True(b.CancelRequested));
        var results = run.Results();
        Assert.Equal(6, results.Cancelled.Count);
        Assert.All(results.Cancelled, r => Assert.Equal(JobFailureKind.Cancelled, r.FailureKind));
    }

    [Fact]
    public async Task RunAsync_RequestForcedToFail_FailsWithProviderTypeWhileOthersComplete()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch(itemsPerBatch: 10).SetDefaultParams(model: Model).SetRetryPolicy(1);
        batch.AddJob(prompt: "Fine one", id: "ok-1");
        batch.AddJob(prompt: "Broken [[emulator:error=invalid_request_error]]", id: "bad");
        batch.AddJob(prompt: "Fine two", id: "ok-2");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results();
        Assert.Single(h.Emulator.CreatedBatches);
        Assert.Equal(["ok-1", "ok-2"], results.Completed.Select(r => r.JobId));
        var failed = Assert.Single(results.Failed);
        Assert.Equal("bad", failed.JobId);
        Assert.Equal(JobFailureKind.ProviderError, failed.FailureKind);
        Assert.Equal("invalid_request_error", failed.ErrorType);
        Assert.Contains("invalid_request_error", failed.Error);
        Assert.NotNull(failed.BatchId);
    }
}
