using System.Text.Json;

namespace Batchata.Tests.StructuredOutput;

/// <summary>The one cache of schema derivations that replaced the per-provider thread-static "last schema" caches.</summary>
public sealed class SchemaCacheTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Theory]
    [InlineData(ProviderDescriptors.AnthropicName)]
    [InlineData(ProviderDescriptors.OpenAIName)]
    [InlineData(ProviderDescriptors.GeminiName)]
    public void Wire_IsTheProvidersTransform(string provider)
    {
        var schema = Parse("""{"type":"object","properties":{"n":{"type":"integer","minimum":1},"s":{"type":"string","format":"date"}}}""");
        var expected = provider switch
        {
            ProviderDescriptors.AnthropicName => ProviderSchemas.ForAnthropic(schema),
            ProviderDescriptors.OpenAIName => ProviderSchemas.ForOpenAI(schema),
            _ => ProviderSchemas.ForGemini(schema),
        };

        Assert.True(JsonElement.DeepEquals(expected, SchemaCache.Wire(schema, provider)));
    }

    [Fact]
    public async Task Wire_EqualTextFromAnotherDocumentAndThread_SharesOneDerivation()
    {
        const string Json = """{"type":"object","properties":{"cache-test-1":{"type":"string"}}}""";
        var first = SchemaCache.Wire(Parse(Json), ProviderDescriptors.OpenAIName);

        var other = await Task.Run(() => SchemaCache.Wire(Parse(Json), ProviderDescriptors.OpenAIName));

        Assert.Equal(first.GetRawText(), other.GetRawText());
        Assert.True(JsonElement.DeepEquals(first, other));
    }

    [Fact]
    public void Wire_SameSchemaTwoProviders_KeptApart()
    {
        var schema = Parse("""{"type":"object","properties":{"cache-test-2":{"type":"string","minLength":2}}}""");

        var openAI = SchemaCache.Wire(schema, ProviderDescriptors.OpenAIName);
        var gemini = SchemaCache.Wire(schema, ProviderDescriptors.GeminiName);

        Assert.True(JsonElement.DeepEquals(ProviderSchemas.ForOpenAI(schema), openAI));
        Assert.True(JsonElement.DeepEquals(ProviderSchemas.ForGemini(schema), gemini));
    }

    [Fact]
    public void FitsNative_PerProvider()
    {
        // "not" is refused by OpenAI strict mode and not by Gemini; the answers for one schema stay apart per provider.
        var withNot = Parse("""{"type":"object","properties":{"cache-test-3":{"type":"string","not":{"const":"x"}}}}""");
        var plain = Parse("""{"type":"object","properties":{"cache-test-3":{"type":"string"}}}""");

        Assert.False(SchemaCache.FitsNative(withNot, ProviderDescriptors.OpenAIName));
        Assert.True(SchemaCache.FitsNative(withNot, ProviderDescriptors.GeminiName));
        Assert.True(SchemaCache.FitsNative(plain, ProviderDescriptors.OpenAIName));
        Assert.False(SchemaCache.FitsNative(withNot, ProviderDescriptors.OpenAIName));
    }

    [Fact]
    public void Wire_ManyDistinctSchemas_EachStillRight()
    {
        // More schemas than the cache holds: it starts over, and every answer is still the schema's own.
        for (var i = 0; i < SchemaCache.Capacity * 2 + 3; i++)
        {
            var schema = Parse("{\"type\":\"object\",\"properties\":{\"p" + i + "\":{\"type\":\"integer\"}}}");
            var wire = SchemaCache.Wire(schema, ProviderDescriptors.GeminiName);
            Assert.True(wire.GetProperty("properties").TryGetProperty($"p{i}", out _));
        }
    }
}
