using Microsoft.Extensions.AI;

namespace Batchata.Tests;

/// <summary>Issue 2, must-show 4: bad input is refused at AddJob with a message naming the job and the fix.</summary>
public sealed class BatchValidationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"));

    private Batch NewBatch()
    {
        var batch = new Batch(_dir)
            .UseAnthropic(o => { o.ApiKey = "test-key"; o.BaseUrl = new Uri("http://127.0.0.1:9/"); })
            .UseOpenAI(o => { o.ApiKey = "test-key"; o.BaseUrl = new Uri("http://127.0.0.1:9/v1/"); })
            .UseGemini(o => { o.ApiKey = "test-key"; o.BaseUrl = new Uri("http://127.0.0.1:9/"); });
        batch.DotEnvPath = Path.Combine(_dir, ".env");
        batch.EnvironmentVariables = _ => null;
        return batch;
    }

    [Fact]
    public void AddJob_UnknownModel_ThrowsValidationNamingJobModelCloseNamesAndWhatToDo()
    {
        // Was ProviderNotFoundException, which AddJob did not document as bad input; an unknown model is a job error.
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(prompt: "hi", model: "claude-sonet-5-5", id: "a"));
        Assert.Equal("a", ex.JobId);
        Assert.Contains("Unknown model 'claude-sonet-5-5'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("claude-sonnet-5-5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("batchata models", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddJob_UnknownModelWithoutId_NamesTheJobByPosition()
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(prompt: "hi", model: "no-such-model-at-all"));
        Assert.Equal("#1", ex.JobId);
        Assert.Contains("'no-such-model-at-all'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetDefaultParams_UnknownModel_ThrowsValidation()
        => Assert.Contains("Unknown model", Assert.Throws<BatchValidationException>(() => NewBatch().SetDefaultParams(model: "claude-sonet-5-5")).Message, StringComparison.Ordinal);

    [Fact]
    public void AddJob_RetiredModel_NamesReplacement()
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(prompt: "hi", model: "claude-sonnet-4-20250514", id: "a"));
        Assert.Contains("claude-sonnet-5-5", ex.Message);
    }

    [Fact]
    public void AddJob_NeitherPromptNorMessages_NamesJob()
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(model: "claude-haiku-5-5", id: "empty"));
        Assert.Contains("'empty'", ex.Message);
        Assert.Contains("prompt", ex.Message);
    }

    [Fact]
    public void AddJob_PromptAndMessages_Throws()
    {
        var ex = Assert.Throws<BatchValidationException>(() =>
            NewBatch().AddJob(prompt: "hi", messages: [new ChatMessage(ChatRole.User, "hi")], model: "claude-haiku-5-5", id: "both"));
        Assert.Contains("'both'", ex.Message);
        Assert.Contains("not both", ex.Message);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/../escape")]
    [InlineData("")]
    [InlineData("a-very-long-id-that-is-more-than-sixty-four-characters-long-xxxxxxxxxxxx")]
    public void AddJob_InvalidId_Throws(string id)
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(prompt: "hi", model: "claude-haiku-5-5", id: id));
        Assert.Contains("Invalid job id", ex.Message);
    }

    [Fact]
    public void AddJob_DuplicateId_Throws()
    {
        var batch = NewBatch().SetDefaultParams(model: "claude-haiku-5-5").AddJob(prompt: "one", id: "same");
        var ex = Assert.Throws<BatchValidationException>(() => batch.AddJob(prompt: "two", id: "same"));
        Assert.Contains("Duplicate job id", ex.Message);
    }

    [Fact]
    public void AddJob_DuplicateIdInAnotherCase_ThrowsNamingTheId()
    {
        var batch = NewBatch().SetDefaultParams(model: "claude-haiku-5-5").AddJob(prompt: "one", id: "Report-1").AddJob(prompt: "two", id: "report-2");
        var ex = Assert.Throws<BatchValidationException>(() => batch.AddJob(prompt: "three", id: "REPORT-1"));
        Assert.Contains("Duplicate job id", ex.Message);
        Assert.Contains("REPORT-1", ex.Message);
        Assert.Equal(["Report-1", "report-2"], batch.JobIds);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(2.5)]
    public void AddJob_TemperatureOutOfRange_Throws(double temperature)
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(prompt: "hi", model: "gpt-6-luna", temperature: temperature, id: "t"));
        Assert.Contains("'t'", ex.Message);
        Assert.Contains("emperature", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000_000)]
    public void AddJob_MaxTokensOutOfRange_Throws(int maxTokens)
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(prompt: "hi", model: "claude-haiku-5-5", maxTokens: maxTokens, id: "m"));
        Assert.Contains("max_tokens", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void AddCostLimit_NotPositive_Throws(int usd)
        => Assert.Throws<BatchValidationException>(() => NewBatch().AddCostLimit(usd));

    [Theory]
    [InlineData(5, 0)]
    [InlineData(0, 25 * 60)]
    public void AddTimeLimit_OutsideRange_Throws(double seconds, double minutes)
        => Assert.Throws<BatchValidationException>(() => NewBatch().AddTimeLimit(seconds: seconds, minutes: minutes));

    [Fact]
    public async Task RunAsync_NoJobs_Throws()
    {
        var ex = await Assert.ThrowsAsync<BatchValidationException>(() => NewBatch().RunAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("no jobs", ex.Message);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void AddJob_NoModel_SaysHowToSetOne()
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(prompt: "hi", id: "nomodel"));
        Assert.Contains("SetDefaultParams", ex.Message);
    }

    [Fact]
    public void AddJob_ProviderWithoutKey_NamesVariable()
    {
        var batch = new Batch(_dir);
        batch.DotEnvPath = Path.Combine(_dir, ".env");
        batch.EnvironmentVariables = _ => null;
        var ex = Assert.Throws<BatchValidationException>(() => batch.AddJob(prompt: "hi", model: "gpt-6-luna", id: "k"));
        Assert.Contains("OPENAI_API_KEY", ex.Message);
    }

    [Fact]
    public void SetDotEnvFile_KeyInThatFile_ConfiguresTheProvider()
    {
        Directory.CreateDirectory(_dir);
        var dotEnv = Path.Combine(_dir, "keys.env");
        File.WriteAllText(dotEnv, "OPENAI_API_KEY=from-file\nOPENAI_BASE_URL=http://127.0.0.1:9/v1/\n");
        var batch = new Batch(_dir) { EnvironmentVariables = _ => null };

        batch.SetDotEnvFile(dotEnv).AddJob(prompt: "hi", model: "gpt-6-luna", id: "k");

        Assert.Equal(1, batch.Count);
        Assert.Throws<InvalidOperationException>(() => batch.SetDotEnvFile(dotEnv));
    }

    [Fact]
    public void AddJob_SameContentTwice_GetsDeterministicDistinctIds()
    {
        var a = NewBatch().SetDefaultParams(model: "claude-haiku-5-5").AddJob(prompt: "same").AddJob(prompt: "same");
        var b = NewBatch().SetDefaultParams(model: "claude-haiku-5-5").AddJob(prompt: "same").AddJob(prompt: "same");
        Assert.Equal(2, a.Count);
        Assert.Equal(a.JobIds, b.JobIds);
        Assert.Equal(2, a.JobIds.Distinct().Count());
    }

    [Fact]
    public void AddJob_MissingFile_NamesFileAndJobBeforeAnythingRuns()
    {
        var missing = Path.Combine(_dir, "nope.pdf");
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(file: missing, prompt: "Summarize", model: "claude-haiku-5-5", id: "doc-1"));
        Assert.Contains("doc-1", ex.Message);
        Assert.Contains("nope.pdf", ex.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, ".batchata")));
    }

    [Fact]
    public void AddJob_UnsupportedFileType_NamesFileAndSupportedTypes()
    {
        Directory.CreateDirectory(_dir);
        var exe = Path.Combine(_dir, "tool.exe");
        File.WriteAllBytes(exe, [0x4D, 0x5A, 0x90, 0x00]);
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(file: exe, prompt: "What is this?", model: "claude-haiku-5-5", id: "bin"));
        Assert.Contains("tool.exe", ex.Message);
        Assert.Contains("bin", ex.Message);
    }

    [Fact]
    public void AddJob_CitationsOnOpenAI_IsRefusedNotDropped()
    {
        Directory.CreateDirectory(_dir);
        var txt = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(txt, "Some notes.");
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(file: txt, prompt: "Cite it", model: "gpt-6-luna", enableCitations: true, id: "cite"));
        Assert.Contains("citations", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
