namespace Batchata.Tests.Providers.OpenAI;

public sealed class OpenAIResultParserTests
{
    [Fact]
    public void Success_ParsesTextStopAndUsage()
    {
        var r = OpenAIResultParser.Parse("""{"id":"batch_req_1","custom_id":"a","response":{"status_code":200,"request_id":"r","body":{"choices":[{"index":0,"message":{"role":"assistant","content":"hi","refusal":null},"finish_reason":"stop"}],"usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150,"prompt_tokens_details":{"cached_tokens":40},"completion_tokens_details":{"reasoning_tokens":30}}}},"error":null}""")!;
        Assert.Equal(ProviderResultKind.Succeeded, r.Kind);
        Assert.Equal("a", r.CustomId);
        Assert.Equal("hi", r.Text);
        Assert.Equal("end_turn", r.StopReason);
        Assert.Equal(new TokenUsage(60, 50, CacheReadTokens: 40, ReasoningTokens: 30), r.Usage);
        Assert.NotNull(r.RawLine);
    }

    [Fact]
    public void Length_IsMaxTokens_AndRefusalIsRefusal()
    {
        var r = OpenAIResultParser.Parse("""{"custom_id":"a","response":{"status_code":200,"body":{"choices":[{"message":{"content":"x"},"finish_reason":"length"}]}}}""")!;
        Assert.Equal("max_tokens", r.StopReason);
        var refusal = OpenAIResultParser.Parse("""{"custom_id":"b","response":{"status_code":200,"body":{"choices":[{"message":{"content":null,"refusal":"no"},"finish_reason":"stop"}]}}}""")!;
        Assert.Equal("refusal", refusal.StopReason);
        Assert.Null(refusal.Text);
    }

    [Theory]
    [InlineData(400, "context_length_exceeded", false)]
    [InlineData(429, "rate_limit_exceeded", true)]
    [InlineData(429, "insufficient_quota", false)]
    [InlineData(500, "server_error", true)]
    public void HttpError_IsErrored(int status, string code, bool retryable)
    {
        var r = OpenAIResultParser.Parse("""{"custom_id":"a","response":{"status_code":STATUS,"body":{"error":{"message":"bad","type":"invalid_request_error","param":null,"code":"CODE"}}},"error":null}"""
            .Replace("STATUS", status.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("CODE", code, StringComparison.Ordinal))!;
        Assert.Equal(ProviderResultKind.Errored, r.Kind);
        Assert.Equal(code, r.ErrorType);
        Assert.Equal("bad", r.ErrorMessage);
        Assert.Equal(retryable, r.IsRetryable);
    }

    [Fact]
    public void ExpiredAndCancelled()
    {
        var expired = OpenAIResultParser.Parse("""{"custom_id":"a","response":null,"error":{"code":"batch_expired","message":"late"}}""")!;
        Assert.Equal(ProviderResultKind.Expired, expired.Kind);
        Assert.True(expired.IsRetryable);
        var cancelled = OpenAIResultParser.Parse("""{"custom_id":"b","response":null,"error":{"code":"batch_cancelled","message":"c"}}""")!;
        Assert.Equal(ProviderResultKind.Canceled, cancelled.Kind);
    }

    [Fact]
    public void BrokenLine_Throws() => Assert.ThrowsAny<System.Text.Json.JsonException>(() => OpenAIResultParser.Parse("""{"custom_id":"a","resp"""));

    [Theory]
    [InlineData("validating", false, false, BatchPhase.InFlight)]
    [InlineData("in_progress", false, false, BatchPhase.InFlight)]
    [InlineData("finalizing", false, false, BatchPhase.InFlight)]
    [InlineData("cancelling", false, false, BatchPhase.Cancelling)]
    [InlineData("completed", true, true, BatchPhase.Ended)]
    [InlineData("expired", true, true, BatchPhase.Expired)]
    [InlineData("cancelled", true, true, BatchPhase.Ended)]
    [InlineData("failed", true, false, BatchPhase.Failed)]
    public void BatchState(string status, bool terminal, bool results, BatchPhase phase)
    {
        using var doc = System.Text.Json.JsonDocument.Parse($$$"""{"id":"batch_1","status":"{{{status}}}","request_counts":{"total":5,"completed":3,"failed":1},"errors":{"object":"list","data":[{"code":"invalid_json","message":"bad line","param":null,"line":2}]}}""");
        var state = OpenAIBatchState.Parse(doc.RootElement, "batch_1");
        Assert.Equal(phase, state.Phase);
        Assert.Equal(status, state.RawStatus);
        Assert.Equal(terminal, state.IsTerminal);
        Assert.Equal(results, state.ResultsAvailable);
        Assert.Equal(5, state.Total);
        Assert.Equal(4, state.Done);
        Assert.Equal(1, state.Failed);
        if (status == "failed")
        {
            Assert.Equal("invalid_json: bad line (line 2)", state.FailureMessage);
        }
    }
}
