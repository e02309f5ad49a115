using Batchata.Emulator;

namespace Batchata.IntegrationTests.Engine;

/// <summary>
/// Issue 10's bounded memory, shown by behaviour: the engine pages pending jobs from the state store a batch at a
/// time, so the jobs it holds follow the batches in flight, not the size of the run; and every path that ends many
/// jobs at once (a cost limit, a cancel) pages through them too.
/// </summary>
public sealed class PagedEngineTests
{
    private const string Model = "claude-haiku-5-5";

    [Fact]
    public async Task RunAsync_ThreeThousandJobs_HoldsOnlyTheBatchesInFlightAndOnePage()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromMinutes(1));
        var batch = h.NewBatch(maxParallelBatches: 2, itemsPerBatch: 100).SetDefaultParams(model: Model, maxTokens: 50);
        for (var i = 0; i < 3_000; i++)
        {
            batch.AddJob(prompt: $"Item {i}", id: $"j{i:D4}");
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(run.IsComplete);
        Assert.Equal(3_000, run.Status().Completed);
        Assert.Equal(30, h.Emulator.CreatedBatches.Count);
        Assert.All(h.Emulator.CreatedBatches, b => Assert.Equal(100, b.RequestCount));

        // Every job went to exactly one provider batch, in the order it was added.
        Assert.Equal(batch.JobIds, h.Emulator.CreatedBatches.OrderBy(b => b.CustomIds[0], StringComparer.Ordinal).SelectMany(b => b.CustomIds));
        Assert.Equal(batch.JobIds, run.Results().All.Select(r => r.JobId));

        // Two batches of 100 in flight, plus at most one page (256) read ahead from the store: never the 3,000.
        Assert.InRange(run.PeakHeldJobs, 1, (2 * 100) + 256);
    }

    [Fact]
    public async Task RunAsync_JobsAddedProviderByProvider_BothProvidersRunInParallelFromTheStart()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromMinutes(1));
        var batch = h.NewBatch(maxParallelBatches: 2, itemsPerBatch: 200);
        for (var i = 0; i < 600; i++)
        {
            batch.AddJob(prompt: $"Anthropic item {i}", id: $"a{i:D3}", model: Model, maxTokens: 50);
        }

        for (var i = 0; i < 600; i++)
        {
            batch.AddJob(prompt: $"OpenAI item {i}", id: $"o{i:D3}", model: "gpt-6-luna", maxTokens: 50);
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1_200, run.Status().Completed);

        // The second provider's jobs sit after 600 others in the store; its group pages them directly, so its first
        // batch is created while the first provider's first batches are still running (maxParallelBatches counts per
        // provider), not after they end.
        var created = h.Emulator.CreatedBatches;
        var firstAnthropicEnd = created.Where(b => b.Provider == "anthropic").Min(b => b.EndedAt!.Value);
        var firstOpenAICreate = created.Where(b => b.Provider == "openai").Min(b => b.CreatedAt);
        Assert.True(firstOpenAICreate < firstAnthropicEnd, $"OpenAI's first batch came at {firstOpenAICreate:O}, after Anthropic's first ended at {firstAnthropicEnd:O}");
    }

    [Fact]
    public async Task RunAsync_CostLimitRejectsThousandsOfJobs_EachEndsOnceAndNothingIsSubmitted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch(itemsPerBatch: 500).SetDefaultParams(model: Model, maxTokens: 1000);
        for (var i = 0; i < 2_500; i++)
        {
            batch.AddJob(prompt: $"Item {i}", id: $"c{i:D4}");
        }

        batch.AddCostLimit(0.000001m);
        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(h.Emulator.CreatedBatches);
        var status = run.Status();
        Assert.Equal((2_500, 2_500, 0m), (status.Total, status.Failed, status.CostUsd));
        Assert.Equal(2_500, h.ResultFiles().Length);
        Assert.All(run.Results().Failed, r => Assert.Equal(JobFailureKind.CostLimitExceeded, r.FailureKind));
    }

    [Fact]
    public async Task RunAsync_CancelledWithThousandsStillInTheStore_EveryJobEndsCancelled()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromHours(2));
        var batch = h.NewBatch(maxParallelBatches: 1, itemsPerBatch: 100).SetDefaultParams(model: Model, maxTokens: 50);
        for (var i = 0; i < 3_000; i++)
        {
            batch.AddJob(prompt: $"Item {i}", id: $"x{i:D4}");
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SynchronousProgress(p =>
        {
            if (p.Batches.Count == 1 && p.Batches[0].BatchId is not null)
            {
                cts.Cancel();
            }
        });
        var run = await h.RunAsync(batch, progress, cts.Token);

        Assert.True(run.WasCancelled);
        var created = Assert.Single(h.Emulator.CreatedBatches);
        Assert.True(created.CancelRequested);
        var status = run.Status();
        Assert.Equal((3_000, 3_000, 0, 0), (status.Total, status.Cancelled, status.Pending, status.Running));
        var results = run.Results();
        Assert.Equal(3_000, results.Cancelled.Count);
        Assert.Equal(2_900, results.Cancelled.Count(r => r.Error == "Cancelled before this job was submitted."));
        Assert.Equal(3_000, h.ResultFiles().Length);
    }
}
