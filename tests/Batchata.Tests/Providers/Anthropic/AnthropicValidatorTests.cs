using static Batchata.Tests.Providers.Anthropic.AnthropicTestData;

namespace Batchata.Tests.Providers.Anthropic;

public class AnthropicValidatorTests
{
    private static BatchValidationException Fails(JobRequest job, ModelInfo? model = null, string version = "2023-06-01")
        => Assert.Throws<BatchValidationException>(() => AnthropicValidator.Validate(job, model ?? Model(), version));

    [Fact]
    public void Validate_PlainJob_Passes()
    {
        AnthropicValidator.Validate(Job(temperature: 0.5, extra: """{"top_p":0.9,"stop_sequences":["x"]}"""), Model(), "2023-06-01");
    }

    [Fact]
    public void Validate_TemperatureUnderVersion20261021_FailsNamingTheFix()
    {
        var ex = Fails(Job(temperature: 0.2), version: "2026-10-21");
        Assert.Equal("job-1", ex.JobId);
        Assert.Contains("anthropic-version 2026-10-21 rejects temperature; remove it or set ApiVersion to 2023-06-01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TopPInAdditionalParamsUnderVersion20261021_Fails()
    {
        var ex = Fails(Job(extra: """{"top_p":0.5}"""), version: "2026-10-21");
        Assert.Contains("rejects top_p", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoSamplingUnderVersion20261021_Passes()
    {
        AnthropicValidator.Validate(Job(extra: """{"stop_sequences":["x"]}"""), Model(), "2026-10-21");
    }

    [Fact]
    public void Validate_TemperatureOnTMinusModel_Fails()
    {
        var ex = Fails(Job(temperature: 0.2), Model("claude-sonnet-5-5", temperature: false));
        Assert.Contains("claude-sonnet-5-5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("temperature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TopKOnAlwaysThinkingModel_Fails()
    {
        var ex = Fails(Job(extra: """{"top_k":5}"""), Model("claude-opus-5-5", temperature: false, alwaysThinks: true));
        Assert.Contains("always thinks", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Validate_TemperatureOutOfRange_Fails(double temperature)
    {
        Assert.Contains("0 to 1", Fails(Job(temperature: temperature)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownParam_FailsListingAccepted()
    {
        var ex = Fails(Job(extra: """{"frequency_penalty":1}"""));
        Assert.Contains("'frequency_penalty'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("top_p, top_k, stop_sequences, thinking, service_tier, metadata, output_config", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxTokensOverModelLimit_Fails()
    {
        Assert.Contains("exceeds", Fails(Job(maxTokens: 70_000)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ToolChoiceWithForcedToolSchema_Fails()
    {
        Assert.Contains("tool_choice", Fails(Job(schema: """{"type":"object"}""", extra: """{"tool_choice":{"type":"auto"}}"""), Model(structured: false)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    [InlineData("")]
    public void Validate_IdNotACustomId_Fails(string id)
    {
        Assert.Contains("custom_id", Fails(Job(id: id)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OnlySystemMessage_Fails()
    {
        Assert.Contains("user message", Fails(Job(messages: [new JobMessage("system", "x")])).Message, StringComparison.Ordinal);
    }
}
