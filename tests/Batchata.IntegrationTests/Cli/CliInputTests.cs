namespace Batchata.IntegrationTests.Cli;

/// <summary>Invalid input exits with 2, names the file and line, and submits nothing.</summary>
public sealed class CliInputTests
{
    private const string Good = """{"id":"ok","prompt":"Hello","model":"claude-haiku-5-5"}""";

    [Theory]
    [InlineData("{\"id\":\"x\",\"prompt\":\"Hi\"", "invalid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"id\":\"x\",\"prompt\":\"Hi\",\"colour\":\"red\"}", "unknown field 'colour'")]
    [InlineData("{\"id\":\"x\",\"prompt\":\"Hi\",\"maxTokens\":5}", "Did you mean 'max_tokens'?")]
    [InlineData("{\"id\":\"x\",\"prompt\":\"Hi\",\"max_tokens\":\"many\"}", "'max_tokens' must be an integer")]
    [InlineData("{\"id\":\"x\",\"prompt\":\"Hi\",\"temperature\":\"hot\"}", "'temperature' must be a number")]
    [InlineData("{\"id\":\"x\",\"prompt\":\"Hi\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "not both")]
    [InlineData("{\"id\":\"x\"}", "needs a 'prompt' or 'messages'")]
    [InlineData("{\"id\":\"x\",\"messages\":[{\"role\":\"robot\",\"content\":\"Hi\"}]}", "must be system, user or assistant")]
    [InlineData("{\"id\":\"x\",\"prompt\":\"Hi\",\"response_schema\":\"string\"}", "'response_schema' must be a JSON Schema object")]
    [InlineData("{\"id\":\"x\",\"prompt\":\"Hi\",\"enable_citations\":1}", "'enable_citations' must be true or false")]
    [InlineData("{\"id\":\"x\",\"prompt\":\"Hi\",\"id\":\"y\"}", "appears twice")]
    public async Task Run_MalformedLine_ExitsTwoWithLineNumber(string line, string reason)
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, Good, "", line);

        var result = await CliRunner.RunAsync("run", jobs, "--results-dir", dir.Results, "--emulate");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{jobs}:3: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Results));
    }

    // Issue 15: a provider rule broken by one job line (a batch-rejected or reasoning-rejected parameter) exits 2 before anything is submitted.
    [Theory]
    [InlineData("""{"id":"fast","prompt":"Hi","model":"claude-haiku-5-5","params":{"speed":"fast"}}""", "fast mode is not available for batches")]
    [InlineData("""{"id":"pen","prompt":"Hi","model":"gpt-6-luna","params":{"presence_penalty":0.5}}""", "rejects presence_penalty on reasoning models")]
    public async Task Run_ProviderRuleBroken_ExitsTwoNothingSubmitted(string line, string reason)
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, Good, line);

        var result = await CliRunner.RunAsync("run", jobs, "--results-dir", dir.Results, "--emulate");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Results));
    }

    [Fact]
    public async Task Run_UnknownModel_ExitsTwoWithSuggestion()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, Good, """{"id":"typo","prompt":"Hello","model":"claude-haiku-5-6"}""");

        var result = await CliRunner.RunAsync("run", jobs, "--results-dir", dir.Results, "--emulate");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{jobs}:2: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("claude-haiku-5-6", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("claude-haiku-5-5", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Results));
    }

    [Fact]
    public async Task Run_LibraryValidation_NamesTheLine()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, Good, """{"id":"bad id!","prompt":"Hello","model":"claude-haiku-5-5"}""");

        var result = await CliRunner.RunAsync("run", jobs, "--results-dir", dir.Results, "--emulate");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{jobs}:2: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingFileReference_ResolvesAgainstJobsDirectory()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, """{"id":"doc","prompt":"Summarize","file":"docs/missing.txt","model":"claude-haiku-5-5"}""");

        var result = await CliRunner.RunAsync("run", jobs, "--results-dir", dir.Results, "--emulate");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{jobs}:1: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dir.Path, "docs"), result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "jobs.jsonl", "--no-such-option")]
    [InlineData("run", "jobs.jsonl", "--time-limit", "soon")]
    [InlineData("run", "jobs.jsonl", "--verbosity", "loud")]
    [InlineData("run", "jobs.jsonl", "--max-tokens", "lots")]
    [InlineData("frobnicate")]
    [InlineData("models", "--provider", "acme")]
    public async Task InvalidArguments_ExitTwo(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain("does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.NotEqual("", result.Stderr.Trim());
    }

    [Theory]
    [InlineData("--time-limit", "5s", "time limit")]
    [InlineData("--max-parallel-batches", "0", "--max-parallel-batches")]
    [InlineData("--max-jobs-in-flight", "0", "--max-jobs-in-flight")]
    [InlineData("--cost-limit", "-1", "--cost-limit")]
    [InlineData("--model", "no-such-model", "--model")]
    public async Task Run_OutOfRangeOption_ExitsTwoBeforeSubmitting(string option, string value, string message)
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, Good);

        var result = await CliRunner.RunAsync("run", jobs, "--results-dir", dir.Results, "--emulate", option, value);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(dir.Results));
    }

    [Fact]
    public async Task Run_MissingJobsFile_ExitsTwo()
    {
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync("run", Path.Combine(dir.Path, "none.jsonl"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EmptyJobsFile_ExitsTwo()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, "", "   ");

        var result = await CliRunner.RunAsync("run", jobs, "--results-dir", dir.Results);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no jobs", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ExitsZero()
    {
        var result = await CliRunner.RunAsync("run", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--cost-limit", result.Stdout, StringComparison.Ordinal);
    }
}
