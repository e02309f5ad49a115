using System.Text.Json;

namespace Batchata.Tests.Providers.OpenAI;

/// <summary>Issue 15: /v1/responses lines for Responses-only models, the Responses object, and result lines of unknown shape.</summary>
public sealed class OpenAIResponsesTests
{
    private static readonly ModelInfo Pro = new()
    {
        Id = "gpt-5.5-pro",
        Provider = "openai",
        Endpoint = "/v1/responses",
        Capabilities = new ModelCapabilities { Vision = true, Pdf = true, StructuredOutput = true, Reasoning = true },
    };

    [Fact]
    public void Encode_ResponsesModel_WritesACreateResponseBody()
    {
        var job = OpenAITestJobs.Job(model: "gpt-5.5-pro", system: "Be brief.", schema: OpenAITestJobs.PersonSchema, additional: """{"reasoning_effort":"high","verbosity":"low"}""");

        using var doc = JsonDocument.Parse(OpenAIRequestEncoder.Encode(job, Pro));
        var body = doc.RootElement.GetProperty("body");

        Assert.Equal("/v1/responses", doc.RootElement.GetProperty("url").GetString());
        Assert.Equal("Be brief.", body.GetProperty("instructions").GetString());
        Assert.Equal(256, body.GetProperty("max_output_tokens").GetInt32());
        var input = Assert.Single(body.GetProperty("input").EnumerateArray());
        Assert.Equal("user", input.GetProperty("role").GetString());
        Assert.Equal("input_text", input.GetProperty("content")[0].GetProperty("type").GetString());
        var format = body.GetProperty("text").GetProperty("format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("Person", format.GetProperty("name").GetString());
        Assert.True(format.GetProperty("strict").GetBoolean());
        Assert.Equal("low", body.GetProperty("text").GetProperty("verbosity").GetString());
        Assert.Equal("high", body.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.False(body.TryGetProperty("reasoning_effort", out _));
        Assert.False(body.TryGetProperty("messages", out _));
        Assert.Equal("/v1/responses", OpenAIBatchProvider.EndpointOf(new BatchSubmission("t", "gpt-5.5-pro", [new EncodedRequest(job.Id, OpenAIRequestEncoder.Encode(job, Pro))])));
    }

    [Fact]
    public void Parse_ResponseObject_TextRefusalAndUsageWithCachedAndReasoningTokens()
    {
        var ok = OpenAIResultParser.Parse("""{"custom_id":"a","response":{"status_code":200,"body":{"object":"response","status":"completed","output":[{"type":"reasoning","summary":[]},{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hel","annotations":[]},{"type":"output_text","text":"lo","annotations":[]}]}],"usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":40},"output_tokens":50,"output_tokens_details":{"reasoning_tokens":30},"total_tokens":150}}}}""")!;
        var refused = OpenAIResultParser.Parse("""{"custom_id":"b","response":{"status_code":200,"body":{"object":"response","status":"completed","output":[{"type":"message","role":"assistant","content":[{"type":"refusal","refusal":"No."}]}]}}}""")!;
        var cut = OpenAIResultParser.Parse("""{"custom_id":"c","response":{"status_code":200,"body":{"object":"response","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[]}}}""")!;

        Assert.Equal(ProviderResultKind.Succeeded, ok.Kind);
        Assert.Equal("Hello", ok.Text);
        Assert.Equal("end_turn", ok.StopReason);
        Assert.Equal(new TokenUsage(60, 50, CacheReadTokens: 40, ReasoningTokens: 30), ok.Usage);
        Assert.Equal("refusal", refused.StopReason);
        Assert.Equal("max_tokens", cut.StopReason);
    }

    [Fact]
    public void Parse_UnknownShape_FailsOnlyThatRequest_AndAnonymousLineIsSkipped()
    {
        var odd = OpenAIResultParser.Parse("""{"custom_id":"a","outcome":{"kind":"new"}}""")!;

        Assert.Equal(ProviderResultKind.Errored, odd.Kind);
        Assert.Equal("unrecognised_result", odd.ErrorType);
        Assert.False(odd.IsRetryable);
        Assert.Null(OpenAIResultParser.Parse("""{"note":"no id"}"""));
    }

    [Fact]
    public void GeminiInline_UnknownShape_FailsOnlyThatRequest()
    {
        using var odd = JsonDocument.Parse("""{"metadata":{"key":"k"},"surprise":{}}""");
        using var anonymous = JsonDocument.Parse("""{"response":{}}""");

        var result = GeminiResultParser.ParseInline(odd.RootElement)!;

        Assert.Equal("k", result.CustomId);
        Assert.Equal(ProviderResultKind.Errored, result.Kind);
        Assert.Equal("unrecognised_result", result.ErrorType);
        Assert.Null(GeminiResultParser.ParseInline(anonymous.RootElement));
    }
}
