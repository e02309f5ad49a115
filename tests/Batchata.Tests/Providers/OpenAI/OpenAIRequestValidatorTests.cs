using Batchata.Tests.Files;
using static Batchata.Tests.Providers.OpenAI.OpenAITestJobs;

namespace Batchata.Tests.Providers.OpenAI;

public sealed class OpenAIRequestValidatorTests
{
    [Fact]
    public void Temperature_OnReasoningModel_NamesJobAndModel()
    {
        var ex = Assert.Throws<BatchValidationException>(() => OpenAIRequestValidator.Validate(Job(model: "o4-mini", temperature: 0.2), O4Mini));
        Assert.Equal("job-1", ex.JobId);
        Assert.Contains("o4-mini", ex.Message, StringComparison.Ordinal);
        Assert.Contains("temperature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TopP_OnReasoningModel_Fails()
    {
        var ex = Assert.Throws<BatchValidationException>(() => OpenAIRequestValidator.Validate(Job(model: "o4-mini", additional: """{"top_p":0.5}"""), O4Mini));
        Assert.Contains("top_p", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(2.1)]
    public void Temperature_OutOfRange_Fails(double temperature)
    {
        var ex = Assert.Throws<BatchValidationException>(() => OpenAIRequestValidator.Validate(Job(temperature: temperature), Gpt41));
        Assert.Contains("0 to 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Temperature_InRange_Passes() => OpenAIRequestValidator.Validate(Job(temperature: 2), Gpt41);

    [Fact]
    public void UnknownAdditionalParam_ListsAccepted()
    {
        var ex = Assert.Throws<BatchValidationException>(() => OpenAIRequestValidator.Validate(Job(additional: """{"top_k":5}"""), Gpt41));
        Assert.Contains("top_k", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reasoning_effort", ex.Message, StringComparison.Ordinal);
        Assert.Contains("prompt_cache_key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownAdditionalParams_Pass()
        => OpenAIRequestValidator.Validate(Job(additional: """{"seed":1,"service_tier":"flex","verbosity":"low","reasoning_effort":"low"}"""), Gpt41);
}
