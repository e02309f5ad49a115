using System.Text.Json;
using Batchata.Emulator;

namespace Batchata.IntegrationTests.Resume;

/// <summary>Issue 3: a CLI run killed with SIGKILL and run again pays nothing twice and loses nothing.</summary>
public sealed class CrashResumeTests
{
    [Fact]
    public async Task Run_KilledAfterBatchesCreated_SecondRunCompletesWithoutResubmitting()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(4) }, TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var jobs = dir.WriteJobs(30, "claude-haiku-5-5");
        string[] args = ["run", jobs, "--results-dir", dir.Results, "--items-per-batch", "10", "--poll-interval", "200ms", "--plain"];

        using (var first = CliProcess.Start(emulator, dir.Path, args))
        {
            await CliProcess.KillWhenAsync(first, () => emulator.CreatedBatches.Count == 3, TimeSpan.FromSeconds(60));
        }

        Assert.Empty(Directory.GetFiles(dir.Results, "*.json"));
        var exit = await CliProcess.RunToEndAsync(emulator, dir.Path, TimeSpan.FromSeconds(90), args);

        Assert.Equal(0, exit);
        AssertExactlyOnce(emulator, dir, 30);
    }

    [Fact]
    public async Task Run_KilledDuringResultCollection_SecondRunWritesEachResultOnce()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(1) }, TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        const int count = 3000;
        var jobs = dir.WriteJobs(count, "claude-haiku-5-5");
        string[] args = ["run", jobs, "--results-dir", dir.Results, "--items-per-batch", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--poll-interval", "200ms", "--plain"];

        using (var first = CliProcess.Start(emulator, dir.Path, args))
        {
            await CliProcess.KillWhenAsync(first, () => Directory.Exists(dir.Results) && Directory.GetFiles(dir.Results, "*.json").Length >= 50, TimeSpan.FromSeconds(120));
        }

        var written = Directory.GetFiles(dir.Results, "*.json").Length;
        Assert.InRange(written, 50, count - 1);
        var exit = await CliProcess.RunToEndAsync(emulator, dir.Path, TimeSpan.FromSeconds(120), args);

        Assert.Equal(0, exit);
        AssertExactlyOnce(emulator, dir, count);
    }

    [Fact]
    public async Task Run_KilledWithMostJobsStillInTheStore_SecondRunPagesTheRestAndReattachesTheOpenBatches()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(3) }, TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        const int count = 2_000;
        var jobs = dir.WriteJobs(count, "claude-haiku-5-5");
        string[] args = ["run", jobs, "--results-dir", dir.Results, "--items-per-batch", "100", "--max-parallel-batches", "2", "--poll-interval", "200ms", "--plain"];

        // Killed with two batches of 100 open and 1,800 jobs pending in the state file, never paged in.
        using (var first = CliProcess.Start(emulator, dir.Path, args))
        {
            await CliProcess.KillWhenAsync(first, () => emulator.CreatedBatches.Count == 2, TimeSpan.FromSeconds(60));
        }

        var exit = await CliProcess.RunToEndAsync(emulator, dir.Path, TimeSpan.FromSeconds(120), args);

        Assert.Equal(0, exit);
        Assert.Equal(20, emulator.CreatedBatches.Count);
        AssertExactlyOnce(emulator, dir, count);
    }

    [Fact]
    public async Task Run_StructuredJobsKilledInFlight_SecondRunParsesTheReattachedAnswersAgainstTheStoredSchema()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(3) }, TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var jobs = System.IO.Path.Combine(dir.Path, "structured.jsonl");
        File.WriteAllLines(jobs, Enumerable.Range(0, 20).Select(i => $$$"""
            {"id":"s{{{i:D2}}}","prompt":"Name the city number {{{i}}} and its population.","model":"claude-haiku-5-5","max_tokens":200,"response_schema":{"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer"}},"required":["city","population"]}}
            """));
        string[] args = ["run", jobs, "--results-dir", dir.Results, "--items-per-batch", "10", "--poll-interval", "200ms", "--plain"];

        // Killed with both batches in flight: the second run re-attaches them, and the jobs it holds for them
        // carry no schema in memory, so each answer is parsed against the schema read back from the state file.
        using (var first = CliProcess.Start(emulator, dir.Path, args))
        {
            await CliProcess.KillWhenAsync(first, () => emulator.CreatedBatches.Count == 2, TimeSpan.FromSeconds(60));
        }

        var exit = await CliProcess.RunToEndAsync(emulator, dir.Path, TimeSpan.FromSeconds(90), args);

        Assert.Equal(0, exit);
        Assert.Equal(2, emulator.CreatedBatches.Count);
        var files = Directory.GetFiles(dir.Results, "*.json");
        Assert.Equal(20, files.Length);
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());
            var parsed = doc.RootElement.GetProperty("parsed_response");
            Assert.Equal(JsonValueKind.String, parsed.GetProperty("city").ValueKind);
            Assert.Equal(JsonValueKind.Number, parsed.GetProperty("population").ValueKind);
        }
    }

    private static void AssertExactlyOnce(BatchEmulator emulator, TempDir dir, int count)
    {
        // Each provider batch created exactly once, covering each job exactly once.
        var submitted = emulator.CreatedBatches.SelectMany(b => b.CustomIds).ToList();
        Assert.Equal(count, submitted.Count);
        Assert.Equal(count, submitted.Distinct().Count());

        // Each job has exactly one result file, completed.
        var files = Directory.GetFiles(dir.Results, "*.json");
        Assert.Equal(count, files.Length);
        Assert.Empty(Directory.GetFiles(dir.Results, "*.tmp", SearchOption.AllDirectories));
        var total = 0m;
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());
            total += doc.RootElement.GetProperty("cost_usd").GetDecimal();
        }

        // The total cost equals the usage the emulator counted, once.
        var model = ModelCatalog.Default.Resolve("claude-haiku-5-5", new DateOnly(2026, 11, 29), out _);
        var usage = new TokenUsage(emulator.CreatedBatches.Sum(b => b.InputTokens), emulator.CreatedBatches.Sum(b => b.OutputTokens));
        Assert.Equal(CostCalculator.BatchCost(model, usage), total);
    }
}
