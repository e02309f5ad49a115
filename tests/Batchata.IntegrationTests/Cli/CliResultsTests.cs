using System.Text.Json;

namespace Batchata.IntegrationTests.Cli;

/// <summary><c>batchata results DIR</c> over result files: table, JSONL, CSV and the status filter.</summary>
public sealed class CliResultsTests
{
    [Fact]
    public async Task Results_AllFormatsAndFilter()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Results);
        await Write(dir, new JobResult { JobId = "a-ok", Status = JobStatus.Completed, RawResponse = "Hello, \"world\", again", CostUsd = 0.0012m, InputTokens = 10, OutputTokens = 5, Model = "claude-haiku-5-5", Provider = "anthropic", BatchId = "msgbatch_1" });
        await Write(dir, new JobResult { JobId = "b-bad", Status = JobStatus.Failed, Error = "Cost limit exceeded", FailureKind = JobFailureKind.CostLimitExceeded, Model = "claude-haiku-5-5" });
        await Write(dir, new JobResult { JobId = "c-json", Status = JobStatus.Completed, RawResponse = "{\"name\":\"Ada\"}", ParsedResponse = JsonDocument.Parse("{\"name\":\"Ada\"}").RootElement, CostUsd = 0.002m });
        File.WriteAllText(Path.Combine(dir.Results, "notes.txt"), "not a result");

        var table = await CliRunner.RunAsync("results", dir.Results);
        var jsonl = await CliRunner.RunAsync("results", dir.Results, "--format", "jsonl");
        var csv = await CliRunner.RunAsync("results", dir.Results, "--format", "csv");
        var failed = await CliRunner.RunAsync("results", dir.Results, "--status", "failed", "--format", "jsonl");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("a-ok", table.Console, StringComparison.Ordinal);
        Assert.Contains("Cost limit exceeded", table.Console, StringComparison.Ordinal);
        Assert.Contains("3 results: 2 completed", table.Console, StringComparison.Ordinal);

        var lines = jsonl.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("a-ok", JsonDocument.Parse(lines[0]).RootElement.GetProperty("job_id").GetString());

        var rows = csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("job_id,status,provider,model,input_tokens,output_tokens,cost_usd,batch_id,error,response", rows[0]);
        Assert.StartsWith("a-ok,completed,anthropic,claude-haiku-5-5,10,5,0.0012,msgbatch_1,,\"Hello, \"\"world\"\", again\"", rows[1], StringComparison.Ordinal);
        Assert.Contains("\"{\"\"name\"\":\"\"Ada\"\"}\"", rows[3], StringComparison.Ordinal);

        var only = failed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(only);
        Assert.Equal("b-bad", JsonDocument.Parse(only[0]).RootElement.GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task Results_AfterEmulatedRun_ListsEveryJob()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results))).ExitCode);

        var csv = await CliRunner.RunAsync("results", dir.Results, "--format", "csv", "--status", "completed");

        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.Equal(5, csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Results_MissingDirectory_ExitsTwo()
    {
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync("results", Path.Combine(dir.Path, "nope"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_BadFormat_ExitsTwo()
    {
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync("results", dir.Path, "--format", "xml");

        Assert.Equal(2, result.ExitCode);
    }

    private static Task Write(TempDir dir, JobResult result)
        => result.SaveToJsonAsync(Path.Combine(dir.Results, result.JobId + ".json"), TestContext.Current.CancellationToken);
}
