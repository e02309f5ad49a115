using System.Text.Json;

namespace Batchata.Tests.StructuredOutput;

public sealed class StructuredOutputParserTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "name": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "note": {"type": ["string", "null"]},
            "vendor": {"$ref": "#/$defs/Vendor"},
            "items": {"type": "array", "items": {"$ref": "#/$defs/Item"}},
            "choice": {"anyOf": [{"type": "integer"}, {"type": "boolean"}]}
          },
          "required": ["name", "status", "note", "vendor", "items"],
          "additionalProperties": false,
          "$defs": {
            "Vendor": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": false},
            "Item": {"type": "object", "properties": {"amount": {"type": "number"}, "qty": {"type": "integer"}}, "required": ["amount"], "additionalProperties": false}
          }
        }
        """).RootElement.Clone();

    private const string Valid = """{"name":"A","status":"open","note":null,"vendor":{"city":"Paris"},"items":[{"amount":1.5,"qty":2}],"choice":true}""";

    [Fact]
    public void Parse_ValidJson_Succeeds()
    {
        var result = StructuredOutputParser.Parse(Valid, Schema);

        Assert.True(result.Success, result.Error);
        Assert.Null(result.Error);
        Assert.Equal("Paris", result.Value!.Value.GetProperty("vendor").GetProperty("city").GetString());
    }

    [Fact]
    public void Parse_CodeFence_IsStripped()
    {
        var result = StructuredOutputParser.Parse($"```json\n{Valid}\n```", Schema);

        Assert.True(result.Success, result.Error);
    }

    [Fact]
    public void Parse_ProseAround_FindsFirstObject()
    {
        var result = StructuredOutputParser.Parse($"Here is the result {{not json}} ok:\n{Valid}\nHope that helps {{x}}.", Schema);

        Assert.True(result.Success, result.Error);
        Assert.Equal("A", result.Value!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public void Parse_BracesInsideStrings_AreIgnored()
    {
        string json = """{"name":"a } { b","status":"closed","note":"\"}","vendor":{"city":"x"},"items":[]}""";

        var result = StructuredOutputParser.Parse("Answer: " + json, Schema);

        Assert.True(result.Success, result.Error);
        Assert.Equal("a } { b", result.Value!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public void Parse_WrongType_ReportsPath()
    {
        string json = """{"name":"A","status":"open","note":null,"vendor":{"city":"P"},"items":[{"amount":1},{"amount":2},{"amount":"3"}]}""";

        var result = StructuredOutputParser.Parse(json, Schema);

        Assert.False(result.Success);
        Assert.Contains("items[2].amount: expected number, got string", result.Error);
        Assert.NotNull(result.Value);
    }

    [Fact]
    public void Parse_MissingRequiredAndExtra_ReportsEach()
    {
        string json = """{"name":"A","status":"open","note":null,"vendor":{},"items":[],"extra":1}""";

        var result = StructuredOutputParser.Parse(json, Schema);

        Assert.False(result.Success);
        Assert.Contains("vendor.city: required property is missing", result.Violations);
        Assert.Contains("extra: property is not allowed by the schema", result.Violations);
    }

    [Fact]
    public void Parse_EnumAndIntegerAndAnyOf_ReportViolations()
    {
        string json = """{"name":"A","status":"pending","note":5,"vendor":{"city":"P"},"items":[{"amount":1,"qty":1.5}],"choice":"x"}""";

        var result = StructuredOutputParser.Parse(json, Schema);

        Assert.Contains(result.Violations, v => v.StartsWith("status: value \"pending\" is not one of", StringComparison.Ordinal));
        Assert.Contains("note: expected string or null, got integer", result.Violations);
        Assert.Contains("items[0].qty: expected integer, got number", result.Violations);
        Assert.Contains(result.Violations, v => v.StartsWith("choice:", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ManyViolations_ReportsFirstFive()
    {
        string json = """{"name":1,"status":2,"note":3,"vendor":4,"items":5,"a":1,"b":2}""";

        var result = StructuredOutputParser.Parse(json, Schema);

        Assert.Equal(5, result.Violations.Count);
    }

    [Fact]
    public void Parse_RootArray_ReportsRootType()
    {
        var result = StructuredOutputParser.Parse("[1,2]", Schema);

        Assert.False(result.Success);
        Assert.Contains("(root): expected object, got array", result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("no json here")]
    [InlineData("{\"name\": \"truncated")]
    [InlineData("```json\n{\"a\":\n```")]
    [InlineData("{{{{")]
    public void Parse_BadInput_FailsWithoutThrowing(string? text)
    {
        var result = StructuredOutputParser.Parse(text, Schema);

        Assert.False(result.Success);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    [Fact]
    public void Parse_RecursiveRef_Validates()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"v":{"type":"integer"},"next":{"anyOf":[{"$ref":"#"},{"type":"null"}]}},"required":["v","next"]}""").RootElement;

        Assert.True(StructuredOutputParser.Parse("""{"v":1,"next":{"v":2,"next":null}}""", schema).Success);
        var bad = StructuredOutputParser.Parse("""{"v":1,"next":{"v":"x","next":null}}""", schema);
        Assert.False(bad.Success);
    }

    [Fact]
    public void Parse_UnresolvableRef_ReportsProblem()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"a":{"$ref":"#/$defs/Missing"}}}""").RootElement;

        var result = StructuredOutputParser.Parse("""{"a":1}""", schema);

        Assert.Contains("a: cannot resolve schema reference #/$defs/Missing", result.Violations);
    }

    [Theory]
    [InlineData("{\"name\":\"A\",\"items\":[{\"amount\":1},{\"amount\":2")]
    [InlineData("{\"name\":\"A\",\"items\":[{\"amount\":1}],}")]
    [InlineData("```json\n{\"vendor\":{\"city\":\"P\"},\n```")]
    public void Parse_TruncatedOrMalformedOuterObject_DoesNotReturnInnerObject(string text)
    {
        var result = StructuredOutputParser.Parse(text, Schema);

        Assert.False(result.Success);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Parse_StrayBraceInProse_StillFindsJson()
    {
        var result = StructuredOutputParser.Parse("Use the {x template, then: " + Valid, Schema);

        Assert.True(result.Success, result.Error);
    }
}
