using System.Globalization;
using System.Text;

namespace Batchata.IntegrationTests.Cost;

/// <summary>Issue 6, must-show 2: a dry-run report for three providers, and estimates close to the emulator's counts.</summary>
public sealed class DryRunTests
{
    private static Batch MixedJobs(EmulatorHarness h)
    {
        var batch = h.NewBatch(maxParallelBatches: 2).SetDefaultParams(maxTokens: 300).AddCostLimit(1m);
        for (var i = 0; i < 6; i++)
        {
            var prompt = $"Summarise in two sentences why item number {i} matters to a small bakery that sells bread and pastries every morning.";
            batch.AddJob(prompt: prompt, id: $"a{i}", model: "claude-haiku-5-5");
            batch.AddJob(prompt: prompt, id: $"o{i}", model: "gpt-6-luna");
            batch.AddJob(prompt: prompt, id: $"g{i}", model: "gemini-2.5-flash");
        }

        return batch;
    }

    [Fact]
    public async Task DryRunAsync_MixedProviders_ReportSnapshotAndNothingSubmitted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var report = await MixedJobs(h).DryRunAsync(TestContext.Current.CancellationToken);

        var text = new StringBuilder();
        foreach (var g in report.Groups)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{g.Provider} {g.Model}: jobs={g.Jobs} batches=[{string.Join(", ", g.Batches.Select(b => b.Requests))}] max/batch={g.MaxRequestsPerBatch} in={g.EstimatedInputTokens} out~{g.ExpectedOutputTokens} max_out={g.MaxOutputTokens} expected=${g.ExpectedCostUsd:0.000000} worst=${g.WorstCaseCostUsd:0.000000} realtime=${g.RealTimeCostUsd:0.000000}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"total jobs={report.TotalJobs} expected=${report.ExpectedCostUsd:0.000000} worst=${report.WorstCaseCostUsd:0.000000} realtime=${report.RealTimeCostUsd:0.000000} saving=${report.SavingUsd:0.000000} fits={report.WorstCaseFitsLimit}");
        Snapshot.Match("dry-run-mixed.txt", text.ToString());
        Assert.Empty(h.Emulator.CreatedBatches);
        Assert.False(Directory.Exists(h.ResultsDir));
    }

    [Fact]
    public async Task DryRunAsync_TextJobs_EstimatesWithinTenPercentOfEmulatorCounts()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = MixedJobs(h);
        var report = await batch.DryRunAsync(TestContext.Current.CancellationToken);

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var g in report.Groups)
        {
            var counted = run.Results().Completed.Where(r => r.Provider == g.Provider).Sum(r => r.InputTokens);
            Assert.True(g.EstimatedInputTokens >= counted * 0.9 && g.EstimatedInputTokens <= counted * 1.1, $"{g.Provider}: estimated {g.EstimatedInputTokens}, counted {counted}");
        }
    }
}
