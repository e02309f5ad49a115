using System.Globalization;
using System.Text.Json;
using Batchata.Emulator;

namespace Batchata.IntegrationTests.Resume;

/// <summary>Issue 6: the cost limit holds across a crash — the re-attached batches' reservations survive the restart.</summary>
public sealed class CostLimitResumeTests
{
    private const string Model = "claude-haiku-5-5";

    [Fact]
    public async Task Run_KilledThenResumedWithMoreJobs_SpendNeverExceedsLimit()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(4) }, TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        // Long prompts and tiny answers: the actual cost of a job is close to its reserved worst case.
        var filler = string.Join(' ', Enumerable.Repeat("ledger", 1500));
        string Jobs(int count, string name)
        {
            var file = Path.Combine(dir.Path, name);
            File.WriteAllLines(file, Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = $"job-{i:D3}",
                ["prompt"] = $"{filler} Item {i}.",
                ["model"] = Model,
                ["max_tokens"] = 4,
            })));
            return file;
        }

        var worstCase = WorstCase(emulator, $"{filler} Item 10.");
        var limit = Math.Round(worstCase * 31, 8);
        string[] Args(string jobs) => ["run", jobs, "--results-dir", dir.Results, "--items-per-batch", "10", "--poll-interval", "200ms", "--plain", "--cost-limit", limit.ToString(CultureInfo.InvariantCulture)];

        using (var first = CliProcess.Start(emulator, dir.Path, Args(Jobs(30, "first.jsonl"))))
        {
            await CliProcess.KillWhenAsync(first, () => emulator.CreatedBatches.Count == 3, TimeSpan.FromSeconds(60));
        }

        var exit = await CliProcess.RunToEndAsync(emulator, dir.Path, TimeSpan.FromSeconds(90), Args(Jobs(40, "second.jsonl")));

        Assert.True(exit is 0 or 1, $"exit {exit}");
        var model = ModelCatalog.Default.Resolve(Model, new DateOnly(2026, 11, 29), out _);
        var spent = CostCalculator.BatchCost(model, new TokenUsage(emulator.CreatedBatches.Sum(b => b.InputTokens), emulator.CreatedBatches.Sum(b => b.OutputTokens)));
        Assert.True(spent <= limit, $"spent {spent} > limit {limit}");

        // The first 30 jobs were paid once and completed; the new ones ran only as far as the limit allowed.
        var results = Directory.GetFiles(dir.Results, "*.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();
        Assert.Equal(40, results.Count);
        Assert.Equal(30, results.Count(r => string.CompareOrdinal(r.GetProperty("job_id").GetString(), "job-030") < 0 && r.GetProperty("status").GetString() == "completed"));
        Assert.Contains(results, r => r.GetProperty("failure_kind").GetString() == "cost_limit_exceeded");
        Assert.Equal(30 + results.Count(r => string.CompareOrdinal(r.GetProperty("job_id").GetString(), "job-030") >= 0 && r.GetProperty("status").GetString() == "completed"), emulator.CreatedBatches.Sum(b => b.RequestCount));
    }

    private static decimal WorstCase(BatchEmulator emulator, string prompt)
    {
        var batch = new Batch(Path.Combine(Path.GetTempPath(), "batchata-wc"))
            .UseAnthropic(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.AnthropicBaseUrl; });
        batch.EnvironmentVariables = _ => null;
        batch.AddJob(prompt: prompt, model: Model, maxTokens: 4, id: "wc");
        var job = batch.JobsForTesting[0];
        return CostCalculator.WorstCaseBatchCost(ModelCatalog.Default.Resolve(Model, new DateOnly(2026, 11, 29), out _), job.EstimatedInputTokens, job.MaxTokens);
    }
}
