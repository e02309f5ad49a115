namespace Batchata.IntegrationTests.Cost;

/// <summary>Issue 6, must-show 1: for random job sets and limits, spend never exceeds the limit, and jobs whose worst case fits are submitted.</summary>
public sealed class CostLimitPropertyTests
{
    public static TheoryData<int> Seeds => new(1, 2, 3, 4, 5, 6, 7, 8);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RunAsync_RandomJobsAndLimit_SpendUnderLimitAndFittingJobsSubmitted(int seed)
    {
        var random = new Random(seed);
        await using var h = await EmulatorHarness.StartAsync(o => o.Seed = seed);
        string[] models = ["claude-haiku-5-5", "claude-sonnet-5-5", "gpt-6-luna", "gemini-2.5-flash"];
        var count = random.Next(5, 40);
        var batch = h.NewBatch(maxParallelBatches: 1, itemsPerBatch: 1000);
        var catalog = ModelCatalog.Default;
        var model = models[seed % models.Length]; // one planning group, so reservations happen in job order
        for (var i = 0; i < count; i++)
        {
            var maxTokens = random.Next(16, 4000);
            var prompt = string.Join(' ', Enumerable.Repeat("word", random.Next(1, 300)));
            batch.AddJob(prompt: prompt, id: $"p{i:D3}", model: model, maxTokens: maxTokens);
        }

        var total = 0m;
        var dry = await batch.DryRunAsync(TestContext.Current.CancellationToken);
        total = dry.WorstCaseCostUsd;
        var limit = Math.Round(total * (decimal)(0.1 + (random.NextDouble() * 0.8)), 6) + 0.000001m;
        batch.AddCostLimit(limit);

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        // 1. The spend the emulator reports never exceeds the limit.
        var spent = 0m;
        foreach (var b in h.Emulator.CreatedBatches)
        {
            var modelId = run.Results().All.First(r => r.JobId == b.CustomIds[0]).Model!;
            spent += CostCalculator.BatchCost(catalog.Resolve(modelId, new DateOnly(2026, 11, 29), out _), new TokenUsage(b.InputTokens, b.OutputTokens));
        }

        Assert.True(spent <= limit, $"spent {spent} > limit {limit}");
        Assert.True(run.Status().CostUsd <= limit);

        // 2. Jobs are refused only when their worst case did not fit next to what was reserved before them.
        var results = run.Results().All;
        var reserved = 0m;
        foreach (var r in results)
        {
            var info = catalog.Resolve(r.Model!, new DateOnly(2026, 11, 29), out _);
            var job = batch.JobsForTesting.First(j => j.Id == r.JobId);
            var worstCase = CostCalculator.WorstCaseBatchCost(info, job.EstimatedInputTokens, job.MaxTokens);
            if (r.FailureKind == JobFailureKind.CostLimitExceeded)
            {
                Assert.True(reserved + worstCase > limit, $"{r.JobId} was refused but fit ({reserved} + {worstCase} <= {limit})");
            }
            else
            {
                Assert.Equal(JobStatus.Completed, r.Status);
                reserved += worstCase;
            }
        }
    }
}
