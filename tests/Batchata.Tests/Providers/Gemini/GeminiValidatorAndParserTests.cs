using System.Text.Json;
using static Batchata.Tests.Providers.OpenAI.OpenAITestJobs;

namespace Batchata.Tests.Providers.Gemini;

public sealed class GeminiValidatorAndParserTests
{
    private static readonly ModelInfo Flash = new()
    {
        Id = "gemini-2.5-flash",
        Provider = "gemini",
        Capabilities = new ModelCapabilities { Vision = true, Pdf = true, StructuredOutput = true, Temperature = true },
    };

    [Theory]
    [InlineData(-1.0)]
    [InlineData(2.5)]
    public void Temperature_OutOfRange_Fails(double t)
        => Assert.Contains("0 to 2", Assert.Throws<BatchValidationException>(() => GeminiRequestValidator.Validate(Job(temperature: t), Flash)).Message, StringComparison.Ordinal);

    [Fact]
    public void KnownParams_SnakeOrCamel_Pass()
        => GeminiRequestValidator.Validate(Job(additional: """{"top_p":0.5,"topK":3,"stop_sequences":["x"],"thinking_config":{},"media_resolution":"MEDIA_RESOLUTION_LOW"}"""), Flash);

    [Fact]
    public void UnknownParam_ListsAccepted()
    {
        var ex = Assert.Throws<BatchValidationException>(() => GeminiRequestValidator.Validate(Job(additional: """{"reasoning_effort":"low"}"""), Flash));
        Assert.Equal("job-1", ex.JobId);
        Assert.Contains("reasoning_effort", ex.Message, StringComparison.Ordinal);
        Assert.Contains("thinkingConfig", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileLine_Success_TextSkipsThoughts_UsageSplitsCacheAndAddsThoughts()
    {
        var r = GeminiResultParser.ParseLine("""{"key":"k","response":{"candidates":[{"content":{"role":"model","parts":[{"thought":true,"text":"hmm"},{"text":"Hel"},{"text":"lo"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":100,"cachedContentTokenCount":30,"candidatesTokenCount":20,"thoughtsTokenCount":50,"totalTokenCount":170}}}""")!;
        Assert.Equal(ProviderResultKind.Succeeded, r.Kind);
        Assert.Equal("Hello", r.Text);
        Assert.Equal("end_turn", r.StopReason);
        Assert.Equal(new TokenUsage(70, 70, CacheReadTokens: 30, ReasoningTokens: 50), r.Usage);
    }

    [Theory]
    [InlineData("MAX_TOKENS", "max_tokens")]
    [InlineData("SAFETY", "content_filter")]
    [InlineData("RECITATION", "recitation")]
    public void FinishReasons(string reason, string expected) => Assert.Equal(expected, GeminiResultParser.MapFinish(reason));

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    public void Inline_Error_RetryableByCode(int code, bool retryable)
    {
        using var doc = JsonDocument.Parse("""{"error":{"code":CODE,"message":"m","status":"S"},"metadata":{"key":"k"}}""".Replace("CODE", code.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var r = GeminiResultParser.ParseInline(doc.RootElement)!;
        Assert.Equal(ProviderResultKind.Errored, r.Kind);
        Assert.Equal("k", r.CustomId);
        Assert.Equal(retryable, r.IsRetryable);
        Assert.Equal("m", r.ErrorMessage);
    }

    [Theory]
    [InlineData("BATCH_STATE_PENDING", false, false, BatchPhase.InFlight)]
    [InlineData("JOB_STATE_RUNNING", false, false, BatchPhase.InFlight)]
    [InlineData("BATCH_STATE_SUCCEEDED", true, true, BatchPhase.Ended)]
    [InlineData("JOB_STATE_SUCCEEDED", true, true, BatchPhase.Ended)]
    [InlineData("BATCH_STATE_CANCELLED", true, true, BatchPhase.Ended)]
    [InlineData("BATCH_STATE_FAILED", true, false, BatchPhase.Failed)]
    [InlineData("JOB_STATE_EXPIRED", true, false, BatchPhase.Expired)]
    public void State_BothSpellings(string state, bool terminal, bool results, BatchPhase phase)
    {
        using var doc = JsonDocument.Parse($$$"""{"name":"batches/x","metadata":{"state":"{{{state}}}","batchStats":{"requestCount":"5","successfulRequestCount":"3","failedRequestCount":"1"}},"response":{"responsesFile":"files/out"},"error":{"code":3,"message":"boom"}}""");
        var s = GeminiBatchState.Parse(doc.RootElement, "batches/x");
        Assert.Equal(phase, s.Phase);
        Assert.Equal(terminal, s.IsTerminal);
        Assert.Equal(results, s.ResultsAvailable);
        Assert.Equal(5, s.Total);
        Assert.Equal(4, s.Done);
        Assert.Equal(1, s.Failed);
        if (state.EndsWith("FAILED", StringComparison.Ordinal))
        {
            Assert.Equal("boom", s.FailureMessage);
        }
    }

    [Fact]
    public void State_SucceededWithoutOutput_HasNoResults()
    {
        using var doc = JsonDocument.Parse("""{"name":"batches/x","metadata":{"state":"BATCH_STATE_SUCCEEDED"},"done":true}""");
        Assert.False(GeminiBatchState.Parse(doc.RootElement, "batches/x").ResultsAvailable);
    }
}
