using Batchata.IntegrationTests.Cli;

namespace Batchata.IntegrationTests.Hostile;

/// <summary>
/// Issue 19, item 6 (pre-flight): the results directory is proven writable before anything is submitted; a
/// <c>--results-dir</c> that names a file is bad input (exit 2, a message naming it), and nothing is paid.
/// </summary>
public sealed class PreflightTests
{
    [Fact]
    public async Task Run_ResultsDirIsAFile_RefusedNamingItNothingSubmittedFileUntouched()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var file = Path.Combine(h.Directory, "output.txt");
        File.WriteAllText(file, "the user's notes");
        var batch = h.NewBatch(resultsDir: file).SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 30);
        batch.AddJob(prompt: "Hello", id: "p0");

        var ex = await Assert.ThrowsAsync<BatchValidationException>(() => h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"'{file}' is a file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was submitted", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.CreatedBatches);
        Assert.Equal("the user's notes", File.ReadAllText(file));
    }

    [Fact]
    public async Task Run_ResultsDirCannotBeCreated_RefusedBeforeAnythingIsSubmitted()
    {
        // A directory below a file can be neither created nor written, whoever runs the test (root included).
        await using var h = await EmulatorHarness.StartAsync();
        var file = Path.Combine(h.Directory, "blocker");
        File.WriteAllText(file, "x");
        var results = Path.Combine(file, "output");
        var batch = h.NewBatch(resultsDir: results).SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 30);
        batch.AddJob(prompt: "Hello", id: "p0");

        var ex = await Assert.ThrowsAsync<BatchValidationException>(() => h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"'{results}' cannot be written", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was submitted", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.CreatedBatches);
    }

    [Fact]
    public async Task Run_WritableResultsDir_LeavesNoProbeFileBehind()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 30);
        batch.AddJob(prompt: "Hello", id: "p0");

        await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["p0.json"], Directory.GetFiles(h.ResultsDir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Cli_ResultsDirNamesAFile_ExitsTwoWithAClearMessageNothingSubmitted()
    {
        await using var h = await EmulatorHarness.StartAsync(fakeTime: false);
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs);
        var file = Path.Combine(dir.Path, "results.csv");
        File.WriteAllText(file, "a,b\n1,2\n");
        var env = Path.Combine(dir.Path, ".env");
        File.WriteAllLines(env,
        [
            $"ANTHROPIC_API_KEY={h.Emulator.ApiKey}",
            $"ANTHROPIC_BASE_URL={h.Emulator.AnthropicBaseUrl}",
        ]);

        var result = await CliRunner.RunAsync(env, TestContext.Current.CancellationToken, "run", jobs, "--results-dir", file, "--plain");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error: The results directory '{file}' is a file", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.CreatedBatches);
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(file));
    }
}
