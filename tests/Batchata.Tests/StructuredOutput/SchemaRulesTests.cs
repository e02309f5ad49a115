using System.Text.Json;

namespace Batchata.Tests.StructuredOutput;

/// <summary>Issue 15: OpenAI strict rewrites, Anthropic complexity limits and local enforcement of the full schema.</summary>
public sealed class SchemaRulesTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void ForOpenAI_DropsKeywordsStrictModeRefuses()
    {
        var schema = Parse("""{"type":"object","minProperties":1,"properties":{"a":{"type":"string","minLength":1,"maxLength":5,"pattern":"^x","contentEncoding":"base64"},"b":{"type":"array","items":{"type":"string"},"uniqueItems":true,"contains":{"type":"string"},"minItems":1}},"required":["a","b"]}""");

        var wire = ProviderSchemas.ForOpenAI(schema).GetRawText();

        foreach (var keyword in new[] { "minLength", "maxLength", "minProperties", "uniqueItems", "contains", "contentEncoding" })
        {
            Assert.DoesNotContain($"\"{keyword}\"", wire, StringComparison.Ordinal);
        }

        Assert.Contains("\"pattern\"", wire, StringComparison.Ordinal);
        Assert.Contains("\"minItems\"", wire, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"s":{"type":"string","minLength":3}}}""", """{"s":"ab"}""", "shorter than minLength 3")]
    [InlineData("""{"type":"object","properties":{"s":{"type":"string","maxLength":2}}}""", """{"s":"abc"}""", "longer than maxLength 2")]
    [InlineData("""{"type":"object","properties":{"s":{"type":"string","pattern":"^a+$"}}}""", """{"s":"ab"}""", "does not match the pattern")]
    [InlineData("""{"type":"object","properties":{"n":{"type":"number","minimum":5}}}""", """{"n":4}""", "less than the minimum 5")]
    [InlineData("""{"type":"object","properties":{"n":{"type":"integer","multipleOf":3}}}""", """{"n":4}""", "not a multiple of 3")]
    [InlineData("""{"type":"object","properties":{"l":{"type":"array","uniqueItems":true}}}""", """{"l":[1,1]}""", "uniqueItems")]
    [InlineData("""{"type":"object","properties":{"l":{"type":"array","maxItems":1}}}""", """{"l":[1,2]}""", "more than maxItems 1")]
    [InlineData("""{"type":"object","maxProperties":1}""", """{"a":1,"b":2}""", "more than maxProperties 1")]
    public void Validator_EnforcesTheFullSchemaLocally(string schema, string value, string expected)
    {
        var violations = new JsonSchemaValidator(Parse(schema), 5).Validate(Parse(value));

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Anthropic_ComplexityLimits_AreReported()
    {
        var unions = string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"u{i}\":{{\"type\":[\"string\",\"null\"]}}"));
        var required = string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"u{i}\""));
        var optional = string.Join(",", Enumerable.Range(0, 25).Select(i => $"\"o{i}\":{{\"type\":\"string\"}}"));

        var tooManyUnions = ProviderSchemas.CheckSupported(Parse("{\"type\":\"object\",\"properties\":{" + unions + "},\"required\":[" + required + "]}"), "anthropic");
        var tooManyOptional = ProviderSchemas.CheckSupported(Parse("{\"type\":\"object\",\"properties\":{" + optional + "}}"), "anthropic");
        var recursive = ProviderSchemas.CheckSupported(Parse("""{"type":"object","properties":{"n":{"$ref":"#/$defs/node"}},"$defs":{"node":{"type":"object","properties":{"c":{"type":"array","items":{"$ref":"#/$defs/node"}}}}}}"""), "anthropic");

        Assert.Contains(tooManyUnions, p => p.Contains("17 parameters with union types", StringComparison.Ordinal));
        Assert.Contains(tooManyOptional, p => p.Contains("25 optional parameters", StringComparison.Ordinal));
        Assert.Contains(recursive, p => p.Contains("recursive", StringComparison.Ordinal));
        Assert.Empty(ProviderSchemas.CheckSupported(Parse("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"""), "anthropic"));
    }
}
