using System.Text.Json;

namespace Batchata.Tests.StructuredOutput;

public sealed class ProviderSchemasTests
{
    private const string Loose = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 10, "default": "x"},
            "age": {"type": "integer", "minimum": 0, "maximum": 150, "multipleOf": 1},
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 5},
            "one": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "when": {"type": "string", "format": "date"},
            "odd": {"type": "string", "format": "my-format"},
            "kind": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            "fixed": {"const": "v"},
            "nested": {"properties": {"inner": {"$ref": "#/$defs/Inner"}}, "allOf": [{"type": "object"}]}
          },
          "required": ["name"],
          "$defs": {"Inner": {"type": "object", "properties": {"x": {"type": "number"}}}}
        }
        """;

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonElement Prop(JsonElement s, string name) => s.GetProperty("properties").GetProperty(name);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public void ForOpenAI_Objects_AdditionalPropertiesFalseAndAllRequired()
    {
        var s = ProviderSchemas.ForOpenAI(Parse(Loose));

        Assert.False(s.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["name", "age", "tags", "one", "when", "odd", "kind", "fixed", "nested"], Strings(s.GetProperty("required")));
        var nested = Prop(s, "nested");
        Assert.False(nested.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["inner"], Strings(nested.GetProperty("required")));
        var inner = s.GetProperty("$defs").GetProperty("Inner");
        Assert.False(inner.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["x"], Strings(inner.GetProperty("required")));
    }

    [Fact]
    public void ForOpenAI_OptionalProperties_BecomeNullable()
    {
        var s = ProviderSchemas.ForOpenAI(Parse(Loose));

        Assert.Equal("string", Prop(s, "name").GetProperty("type").GetString());
        Assert.Equal(["integer", "null"], Strings(Prop(s, "age").GetProperty("type")));
        var kind = Prop(s, "kind").GetProperty("anyOf");
        Assert.Equal("null", kind[1].GetProperty("type").GetString());
        var inner = Prop(Prop(s, "nested"), "inner").GetProperty("anyOf");
        Assert.Equal("#/$defs/Inner", inner[0].GetProperty("$ref").GetString());
    }

    [Fact]
    public void ForOpenAI_UnsupportedKeywords_AreRemoved()
    {
        var s = ProviderSchemas.ForOpenAI(Parse(Loose));

        Assert.False(s.TryGetProperty("$schema", out _));
        Assert.False(Prop(s, "nested").TryGetProperty("allOf", out _));
        Assert.False(Prop(s, "name").TryGetProperty("default", out _));
        Assert.Equal("date", Prop(s, "when").GetProperty("format").GetString());
        Assert.False(Prop(s, "odd").TryGetProperty("format", out _));
        Assert.Equal(0, Prop(s, "age").GetProperty("minimum").GetInt32());
    }

    [Fact]
    public void ForOpenAI_DoesNotModifyInput()
    {
        var input = Parse(Loose);

        ProviderSchemas.ForOpenAI(input);

        Assert.True(input.TryGetProperty("$schema", out _));
        Assert.False(input.TryGetProperty("additionalProperties", out _));
    }

    [Fact]
    public void ForAnthropic_DropsLimitsAndClosesObjects()
    {
        var s = ProviderSchemas.ForAnthropic(Parse(Loose));

        Assert.False(s.GetProperty("additionalProperties").GetBoolean());
        Assert.False(Prop(s, "nested").GetProperty("additionalProperties").GetBoolean());
        Assert.False(s.GetProperty("$defs").GetProperty("Inner").GetProperty("additionalProperties").GetBoolean());
        var age = Prop(s, "age");
        Assert.False(age.TryGetProperty("minimum", out _));
        Assert.False(age.TryGetProperty("maximum", out _));
        Assert.False(age.TryGetProperty("multipleOf", out _));
        Assert.False(Prop(s, "name").TryGetProperty("minLength", out _));
        Assert.False(Prop(s, "name").TryGetProperty("maxLength", out _));
        Assert.False(Prop(s, "tags").TryGetProperty("minItems", out _));
        Assert.False(Prop(s, "tags").TryGetProperty("maxItems", out _));
        Assert.Equal(1, Prop(s, "one").GetProperty("minItems").GetInt32());
        Assert.Equal(["name"], Strings(s.GetProperty("required")));
        Assert.False(s.TryGetProperty("$schema", out _));
    }

    [Fact]
    public void ForGemini_KeepsSubsetOnly()
    {
        var s = ProviderSchemas.ForGemini(Parse(Loose));

        Assert.False(s.TryGetProperty("$schema", out _));
        Assert.True(s.TryGetProperty("$defs", out _));
        Assert.False(Prop(s, "name").TryGetProperty("minLength", out _));
        Assert.False(Prop(s, "name").TryGetProperty("default", out _));
        Assert.Equal(0, Prop(s, "age").GetProperty("minimum").GetInt32());
        Assert.Equal(2, Prop(s, "tags").GetProperty("minItems").GetInt32());
        Assert.Equal(["v"], Strings(Prop(s, "fixed").GetProperty("enum")));
        Assert.False(Prop(s, "fixed").TryGetProperty("const", out _));
        Assert.False(Prop(s, "nested").TryGetProperty("allOf", out _));
        Assert.Equal("#/$defs/Inner", Prop(Prop(s, "nested"), "inner").GetProperty("$ref").GetString());
        Assert.Equal(["name"], Strings(s.GetProperty("required")));
    }

    [Fact]
    public void ForOpenAI_GeneratedSchema_IsUnchangedInShape()
    {
        var schema = JsonSchemaFactory.Create(typeof(JsonSchemaFactoryTests.Invoice));

        var s = ProviderSchemas.ForOpenAI(schema);

        Assert.Empty(ProviderSchemas.CheckSupported(s, "openai"));
        Assert.Equal(Strings(schema.GetProperty("required")), Strings(s.GetProperty("required")));
        Assert.Equal("string", Prop(s, "Number").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("Anthropic")]
    [InlineData("gemini")]
    public void CheckSupported_ValidSchema_NoProblems(string provider)
    {
        Assert.Empty(ProviderSchemas.CheckSupported(Parse("""{"type":"object","properties":{"a":{"type":"string"}}}"""), provider));
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    public void CheckSupported_RootNotObject_ReportsProblem(string provider)
    {
        var problems = ProviderSchemas.CheckSupported(Parse("""{"type":"array","items":{"type":"string"}}"""), provider);

        Assert.Contains(problems, p => p.Contains("root", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckSupported_OpenAIDeepNesting_ReportsDepth()
    {
        string inner = """{"type":"string"}""";
        for (int i = 0; i < 11; i++)
        {
            inner = "{\"type\":\"object\",\"properties\":{\"c\":" + inner + "}}";
        }

        var schema = Parse(inner);

        Assert.Contains(ProviderSchemas.CheckSupported(schema, "openai"), p => p.Contains("11 levels", StringComparison.Ordinal));
        Assert.Empty(ProviderSchemas.CheckSupported(schema, "anthropic"));
    }

    [Fact]
    public void CheckSupported_OpenAIAllOf_ReportsKeyword()
    {
        var schema = Parse("""{"type":"object","properties":{"a":{"allOf":[{"type":"string"}]}}}""");

        Assert.Contains(ProviderSchemas.CheckSupported(schema, "openai"), p => p.Contains("allOf", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckSupported_UnknownProvider_ReportsProblem()
    {
        Assert.Single(ProviderSchemas.CheckSupported(Parse("""{"type":"object"}"""), "mistral"));
    }

    [Theory]
    [InlineData("Invoice", "Invoice")]
    [InlineData("List<Invoice>", "List_Invoice")]
    [InlineData("My.Namespace.Type+Nested", "My_Namespace_Type_Nested")]
    [InlineData("", "response")]
    [InlineData("<>", "response")]
    [InlineData("a-b_c", "a-b_c")]
    public void SchemaName_Input_IsSanitized(string input, string expected)
    {
        Assert.Equal(expected, ProviderSchemas.SchemaName(input));
    }

    [Fact]
    public void SchemaName_Long_IsTruncatedTo64()
    {
        Assert.Equal(64, ProviderSchemas.SchemaName(new string('a', 100)).Length);
    }
}
