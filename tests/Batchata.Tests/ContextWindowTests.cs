namespace Batchata.Tests;

/// <summary>Issue 19, item 6: a job over the model's context window (estimated) is refused at AddJob, before anything is paid.</summary>
public sealed class ContextWindowTests
{
    [Fact]
    public void AddJob_PromptOverTheContextWindow_RefusedNamingTheJobTheEstimateAndTheLimit()
    {
        var batch = NewBatch();
        var prompt = string.Join(' ', Enumerable.Repeat("word", 1_500_000)); // 7.5 MB: about 2 million estimated tokens against 1,000,000

        var ex = Assert.Throws<BatchValidationException>(() => batch.AddJob(prompt: prompt, id: "huge", model: "claude-haiku-5-5"));

        Assert.Equal("huge", ex.JobId);
        Assert.Contains("Job 'huge'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1,000,000-token context window of claude-haiku-5-5", ex.Message, StringComparison.Ordinal);
        Assert.Matches(@"estimated at [\d,]+ tokens", ex.Message);
        Assert.Contains("Shorten the prompt or file, split it into several jobs, or choose a model with a larger context window", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void AddJob_LargePromptWithinTheContextWindow_Accepted()
    {
        var batch = NewBatch();

        batch.AddJob(prompt: string.Join(' ', Enumerable.Repeat("word", 100_000)), id: "big", model: "claude-haiku-5-5");

        Assert.Equal(1, batch.Count);
    }

    private static Batch NewBatch()
        => new Batch(Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"))).UseAnthropic(o => o.ApiKey = "test-key-000000");
}
