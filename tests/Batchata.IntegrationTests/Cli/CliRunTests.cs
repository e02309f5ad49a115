using System.Text.Json;

namespace Batchata.IntegrationTests.Cli;

/// <summary><c>batchata run</c> against the in-process emulator: results, summary, JSON, dry run, status and results.</summary>
public sealed class CliRunTests
{
    [Fact]
    public async Task Run_Emulate_CompletesEveryJobAndPrintsSummary()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs);

        var result = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results));

        Assert.True(result.ExitCode == 0, result.ToString());
        var files = Directory.GetFiles(dir.Results, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["chat.json", "extract.json", "greet.json", "poem.json"], files);
        Assert.Contains("Run complete: 4 jobs", result.Console, StringComparison.Ordinal);
        Assert.Contains("4 completed", result.Console, StringComparison.Ordinal);
        Assert.Contains("Cost: $", result.Console, StringComparison.Ordinal);
        Assert.Contains("saved", result.Console, StringComparison.Ordinal);
        Assert.Contains(dir.Results, result.Console, StringComparison.Ordinal);
        using var extract = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Results, "extract.json")));
        Assert.Equal(JsonValueKind.Object, extract.RootElement.GetProperty("parsed_response").ValueKind);
    }

    [Fact]
    public async Task Run_Twice_SecondRunResumesAndSubmitsNothing()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..2]);
        var first = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results, "--json"));

        var second = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results, "--json"));

        Assert.True(second.ExitCode == 0, second.ToString());
        using var a = JsonDocument.Parse(first.Stdout);
        using var b = JsonDocument.Parse(second.Stdout);
        Assert.Equal(0, b.RootElement.GetProperty("provider_batches").GetInt32());
        Assert.Equal(2, b.RootElement.GetProperty("jobs").GetProperty("completed").GetInt32());
        Assert.Equal(a.RootElement.GetProperty("cost_usd").GetDecimal(), b.RootElement.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(a.RootElement.GetProperty("saved_usd").GetDecimal(), b.RootElement.GetProperty("saved_usd").GetDecimal());
        Assert.True(b.RootElement.GetProperty("saved_usd").GetDecimal() > 0);
    }

    [Fact]
    public async Task Run_CostLimitTooSmall_FailsJobsWithoutSubmittingAndExitsOne()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..2]);

        var result = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results, "--cost-limit", "0.0000001", "--json"));

        Assert.True(result.ExitCode == 1, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("failed", doc.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("provider_batches").GetInt32());
        Assert.All(doc.RootElement.GetProperty("failed_jobs").EnumerateArray(), j => Assert.Contains("ost limit", j.GetProperty("error").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_TimeLimit_StopsAndExitsOne()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..1]);

        var result = await CliRunner.RunAsync(["run", jobs, "--results-dir", dir.Results, "--emulate", "--emulator-latency", "5m", "--poll-interval", "200ms", "--time-limit", "10s"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("stopped by the time limit", result.Console, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir.Results, "*.json"));
    }

    [Fact]
    public async Task Run_Json_PrintsParsableSummaryOnStdout()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..2]);

        var result = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results, "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var summary = JsonDocument.Parse(result.Stdout);
        var root = summary.RootElement;
        Assert.Equal("completed", root.GetProperty("outcome").GetString());
        Assert.Equal(0, root.GetProperty("exit_code").GetInt32());
        Assert.Equal(2, root.GetProperty("jobs").GetProperty("total").GetInt32());
        Assert.Equal(2, root.GetProperty("jobs").GetProperty("completed").GetInt32());
        Assert.True(root.GetProperty("cost_usd").GetDecimal() > 0);
        Assert.Equal(Path.GetFullPath(dir.Results), root.GetProperty("results_dir").GetString());
        Assert.Empty(root.GetProperty("failed_jobs").EnumerateArray());
        Assert.Equal("", result.Console);
    }

    [Fact]
    public async Task Run_DryRun_WritesNothingAndPricesThePlan()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs);

        var result = await CliRunner.RunAsync("run", jobs, "--results-dir", dir.Results, "--dry-run", "--cost-limit", "5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(Directory.Exists(dir.Results));
        Assert.Contains("Dry run", result.Console, StringComparison.Ordinal);
        Assert.Contains("claude-haiku-5-5", result.Console, StringComparison.Ordinal);
        Assert.Contains("Expected cost: $", result.Console, StringComparison.Ordinal);
        Assert.Contains("worst case fits", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DryRunJson_ReportsGroups()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs);

        var result = await CliRunner.RunAsync("run", jobs, "--results-dir", dir.Results, "--dry-run", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var report = JsonDocument.Parse(result.Stdout);
        Assert.Equal(4, report.RootElement.GetProperty("jobs").GetInt32());
        Assert.Equal("anthropic", report.RootElement.GetProperty("groups")[0].GetProperty("provider").GetString());
        Assert.False(Directory.Exists(dir.Results));
    }

    [Fact]
    public async Task Status_AfterRun_ShowsJobsAndCost()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..2]);
        var run = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results));
        Assert.True(run.ExitCode == 0, run.ToString());

        var status = await CliRunner.RunAsync("status", "--results-dir", dir.Results);
        var json = await CliRunner.RunAsync("status", "--results-dir", dir.Results, "--json");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("Jobs: 2", status.Console, StringComparison.Ordinal);
        Assert.Contains("2 completed", status.Console, StringComparison.Ordinal);
        Assert.Contains("0 in flight", status.Console, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("jobs").GetProperty("completed").GetInt32());
        Assert.True(doc.RootElement.GetProperty("cost_usd").GetDecimal() > 0);
    }

    [Fact]
    public async Task Status_WithoutState_ExitsTwo()
    {
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync("status", "--results-dir", dir.Results);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No state file", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Results));
    }

    [Fact]
    public async Task Status_ForeignFile_ExitsTwoAndLeavesItAlone()
    {
        using var dir = new TempDir();
        var foreign = Path.Combine(dir.Path, "notes.db");
        File.WriteAllText(foreign, "not a database");

        var result = await CliRunner.RunAsync("status", "--state", foreign);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("not a Batchata state file", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("not a database", File.ReadAllText(foreign));
    }

    [Fact]
    public async Task Cancel_NothingInFlight_SaysSo()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..1]);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results))).ExitCode);

        var result = await CliRunner.RunAsync("cancel", "--results-dir", dir.Results);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Nothing to cancel", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Cancelled_ExitsInterruptedAndSavesState()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..2]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(1.5));

        var result = await CliRunner.RunAsync(stop.Token, ["run", jobs, "--results-dir", dir.Results, "--emulate", "--emulator-latency", "60s", "--poll-interval", "100ms"]);

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("interrupted", result.Console, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(Path.Combine(dir.Results, ".batchata", "state.db")));
    }

    [Fact]
    public async Task Run_SampleJobsFile_DryRunsAndRunsOnEmulator()
    {
        var sample = FindSample();
        using var dir = new TempDir();

        var dry = await CliRunner.RunAsync("run", sample, "--results-dir", dir.Results, "--dry-run");
        var run = await CliRunner.RunAsync(CliRunner.EmulatedRun(sample, dir.Results));

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("9 jobs", dry.Console, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(9, Directory.GetFiles(dir.Results, "*.json").Length);
        using var invoice = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Results, "invoice-fields.json")));
        Assert.Equal(JsonValueKind.Object, invoice.RootElement.GetProperty("parsed_response").ValueKind);
        using var cited = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Results, "invoice-cited.json")));
        Assert.NotEmpty(cited.RootElement.GetProperty("citations").EnumerateArray());
    }

    internal static string FindSample()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "samples", "jobs.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/jobs.jsonl not found above the test directory.");
    }
}
