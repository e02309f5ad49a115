using System.Text.Json;
using Batchata.IntegrationTests.Cli;

namespace Batchata.IntegrationTests.Resume;

/// <summary>Issue 16: a job whose definition changed under the same id is refused before anything is submitted, then rerun on request.</summary>
public sealed class ChangedJobTests
{
    private const string Model = "claude-haiku-5-5";

    [Fact]
    public async Task ChangedPrompt_IsRefusedBeforeSubmitting_ThenRerunChangedResubmitsOnlyIt()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var first = h.NewBatch().SetDefaultParams(model: Model, maxTokens: 50)
            .AddJob(prompt: "Say apples", id: "same")
            .AddJob(prompt: "Say pears", id: "other");
        await h.RunAsync(first, cancellationToken: TestContext.Current.CancellationToken);
        var firstBatches = h.Emulator.CreatedBatches.Count;
        Assert.Equal(2, h.Emulator.CreatedBatches.Sum(b => b.RequestCount));
        var oldAnswer = File.ReadAllText(Path.Combine(h.ResultsDir, "same.json"));

        Batch Second() => h.NewBatch().SetDefaultParams(model: Model, maxTokens: 50).RawFiles()
            .AddJob(prompt: "Say oranges", id: "same")
            .AddJob(prompt: "Say pears", id: "other");

        var refused = await Assert.ThrowsAsync<BatchValidationException>(() => h.RunAsync(Second(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("same", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("other", refused.Message, StringComparison.Ordinal);
        Assert.Contains("RerunChanged()", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--rerun-changed", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--fresh", refused.Message, StringComparison.Ordinal);
        Assert.Contains("new ids", refused.Message, StringComparison.Ordinal);
        Assert.Equal(firstBatches, h.Emulator.CreatedBatches.Count); // nothing submitted
        Assert.Equal(oldAnswer, File.ReadAllText(Path.Combine(h.ResultsDir, "same.json")));

        var run = await h.RunAsync(Second().RerunChanged(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(firstBatches + 1, h.Emulator.CreatedBatches.Count);
        Assert.Equal(["same"], h.Emulator.CreatedBatches[^1].CustomIds); // only the changed job
        Assert.Equal(["other", "same"], run.Results().Completed.Select(r => r.JobId).Order(StringComparer.Ordinal));
        var sent = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(h.ResultsDir, "raw_files", "requests"))));
        Assert.Contains("Say oranges", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Say pears", sent, StringComparison.Ordinal);
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(h.ResultsDir, ".batchata", "replaced")));
        Assert.Equal(oldAnswer, File.ReadAllText(kept));
        Assert.NotEqual(oldAnswer, File.ReadAllText(Path.Combine(h.ResultsDir, "same.json")));

        // A third run of the same definitions is a plain resume: nothing changed, nothing submitted.
        await h.RunAsync(Second(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(firstBatches + 1, h.Emulator.CreatedBatches.Count);
    }

    [Fact]
    public async Task ChangedFileContent_UnderTheSamePath_IsAChangedJob()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var path = Path.Combine(h.Directory, "note.txt");
        File.WriteAllText(path, "The meeting is on Monday.");
        await h.RunAsync(h.NewBatch().SetDefaultParams(model: Model, maxTokens: 50).AddJob(file: path, prompt: "When is the meeting?", id: "note"),
            cancellationToken: TestContext.Current.CancellationToken);

        File.WriteAllText(path, "The meeting is on Friday.");
        var refused = await Assert.ThrowsAsync<BatchValidationException>(() => h.RunAsync(
            h.NewBatch().SetDefaultParams(model: Model, maxTokens: 50).AddJob(file: path, prompt: "When is the meeting?", id: "note"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("note", refused.Message, StringComparison.Ordinal);
        Assert.Single(h.Emulator.CreatedBatches);
    }

    [Fact]
    public async Task Cli_ChangedJob_ExitsTwoThenRerunChangedRunsIt()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, """{"id":"same","prompt":"Say apples","model":"claude-haiku-5-5","max_tokens":32}""");
        var first = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results, "--json"));
        Assert.True(first.ExitCode == 0, first.ToString());
        CliRunner.WriteJobs(dir, """{"id":"same","prompt":"Say oranges","model":"claude-haiku-5-5","max_tokens":32}""");

        var refused = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results, "--json"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("same", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--rerun-changed", refused.Stderr, StringComparison.Ordinal);

        var rerun = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results, "--json", "--rerun-changed"));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        using var summary = JsonDocument.Parse(rerun.Stdout);
        Assert.Equal(1, summary.RootElement.GetProperty("provider_batches").GetInt32());
        Assert.Single(Directory.GetFiles(Path.Combine(dir.Results, ".batchata", "replaced")));
    }
}
