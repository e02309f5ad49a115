using System.ComponentModel;
using System.Text.Json;

namespace Batchata.Tests.StructuredOutput;

public sealed class JsonSchemaFactoryTests
{
    public enum Priority
    {
        Low,
        High,
    }

    [Description("An invoice")]
    public sealed record Invoice(
        [property: Description("The invoice number")] string Number,
        Vendor Vendor,
        List<LineItem> Items,
        Priority Priority,
        string? Notes,
        decimal? Discount);

    public sealed record Vendor(string Name, Address Address);

    public sealed record Address(string City, string? Zip);

    public sealed record LineItem(string Sku, int Quantity, decimal Amount);

    public sealed record Node([Description("The value")] string Value, Node? Next, Priority? Level);

    public sealed class PlainClass
    {
        public string Name { get; set; } = "";

        public int? Count { get; set; }
    }

    private static JsonElement Prop(JsonElement schema, string name) => schema.GetProperty("properties").GetProperty(name);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static JsonElement Deref(JsonElement root, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var r) ? ResolvePointer(root, r.GetString()!) : schema;

    private static JsonElement ResolvePointer(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var token in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current.GetProperty(token);
        }

        return current;
    }

    [Fact]
    public void Create_Record_RootIsStrictObject()
    {
        var schema = JsonSchemaFactory.Create(typeof(Invoice));

        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["Number", "Vendor", "Items", "Priority", "Notes", "Discount"], Strings(schema.GetProperty("required")));
        Assert.False(schema.TryGetProperty("$schema", out _));
    }

    [Fact]
    public void Create_Descriptions_AreEmitted()
    {
        var schema = JsonSchemaFactory.Create(typeof(Invoice));

        Assert.Equal("An invoice", schema.GetProperty("description").GetString());
        Assert.Equal("The invoice number", Prop(schema, "Number").GetProperty("description").GetString());
    }

    [Fact]
    public void Create_NestedObject_IsStrictObject()
    {
        var schema = JsonSchemaFactory.Create(typeof(Invoice));

        var vendor = Deref(schema, Prop(schema, "Vendor"));
        Assert.Equal("object", vendor.GetProperty("type").GetString());
        Assert.False(vendor.GetProperty("additionalProperties").GetBoolean());
        var address = Deref(schema, vendor.GetProperty("properties").GetProperty("Address"));
        Assert.Equal(["City", "Zip"], Strings(address.GetProperty("required")));
        Assert.False(address.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Create_List_IsArrayOfStrictObjects()
    {
        var schema = JsonSchemaFactory.Create(typeof(Invoice));

        var items = Prop(schema, "Items");
        Assert.Equal("array", items.GetProperty("type").GetString());
        var item = Deref(schema, items.GetProperty("items"));
        Assert.Equal("object", item.GetProperty("type").GetString());
        Assert.Equal("integer", item.GetProperty("properties").GetProperty("Quantity").GetProperty("type").GetString());
        Assert.Equal("number", item.GetProperty("properties").GetProperty("Amount").GetProperty("type").GetString());
        Assert.Equal(["Sku", "Quantity", "Amount"], Strings(item.GetProperty("required")));
    }

    [Fact]
    public void Create_Enum_IsStringWithValues()
    {
        var schema = JsonSchemaFactory.Create(typeof(Invoice));

        var priority = Prop(schema, "Priority");
        Assert.Equal("string", priority.GetProperty("type").GetString());
        Assert.Equal(["Low", "High"], Strings(priority.GetProperty("enum")));
    }

    [Fact]
    public void Create_NullableMembers_AreUnionsWithNull()
    {
        var schema = JsonSchemaFactory.Create(typeof(Invoice));

        Assert.Equal(["string", "null"], Strings(Prop(schema, "Notes").GetProperty("type")));
        Assert.Equal(["number", "null"], Strings(Prop(schema, "Discount").GetProperty("type")));
        Assert.Equal("string", Prop(schema, "Number").GetProperty("type").GetString());
    }

    [Fact]
    public void Create_Class_AllPropertiesRequired()
    {
        var schema = JsonSchemaFactory.Create(typeof(PlainClass));

        Assert.Equal(["Name", "Count"], Strings(schema.GetProperty("required")));
        Assert.Equal(["integer", "null"], Strings(Prop(schema, "Count").GetProperty("type")));
    }

    [Theory]
    [InlineData(typeof(int))]
    [InlineData(typeof(string))]
    [InlineData(typeof(List<LineItem>))]
    [InlineData(typeof(Priority))]
    public void Create_NonObjectType_ThrowsValidation(Type type)
    {
        var ex = Assert.Throws<BatchValidationException>(() => JsonSchemaFactory.Create(type, jobId: "job1"));

        Assert.Equal("job1", ex.JobId);
        Assert.Contains("JSON object", ex.Message);
    }

    [Fact]
    public void Create_SchemaValidatesOwnSerializedInstance()
    {
        var schema = JsonSchemaFactory.Create(typeof(Invoice));
        var value = JsonSerializer.SerializeToElement(
            new Invoice("A-1", new Vendor("Acme", new Address("Paris", null)), [new LineItem("X", 2, 9.5m)], Priority.High, null, 1.5m),
            JsonDefaults.Options);

        var result = StructuredOutputParser.Parse(value.GetRawText(), schema);

        Assert.True(result.Success, result.Error);
    }

    [Fact]
    public void Create_UserObjectSchema_ReturnsCopy()
    {
        using var doc = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""");

        var schema = JsonSchemaFactory.Create(doc.RootElement);

        Assert.Equal("object", schema.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"type":"array","items":{"type":"string"}}""")]
    [InlineData("""{"type":["object","null"]}""")]
    [InlineData("""{"properties":{}}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""true""")]
    [InlineData("""{"type":"object","properties":[]}""")]
    public void Create_UserSchemaNotObject_ThrowsValidation(string json)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.Throws<BatchValidationException>(() => JsonSchemaFactory.Create(doc.RootElement, "j"));
    }

    [Fact]
    public void Create_Invoice_MatchesExpectedJson()
    {
        const string expected = """
            {"description":"An invoice","type":"object","properties":{
            "Number":{"description":"The invoice number","type":"string"},
            "Vendor":{"type":"object","properties":{"Name":{"type":"string"},"Address":{"type":"object","properties":{"City":{"type":"string"},"Zip":{"type":["string","null"]}},"required":["City","Zip"],"additionalProperties":false}},"required":["Name","Address"],"additionalProperties":false},
            "Items":{"type":"array","items":{"type":"object","properties":{"Sku":{"type":"string"},"Quantity":{"type":"integer"},"Amount":{"type":"number"}},"required":["Sku","Quantity","Amount"],"additionalProperties":false}},
            "Priority":{"type":"string","enum":["Low","High"]},
            "Notes":{"type":["string","null"]},
            "Discount":{"type":["number","null"]}},
            "required":["Number","Vendor","Items","Priority","Notes","Discount"],"additionalProperties":false}
            """;

        var schema = JsonSchemaFactory.Create(typeof(Invoice));

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, schema), schema.GetRawText());
    }

    [Fact]
    public void Create_RecursiveRecord_ParameterDescriptionAndNullableEnum()
    {
        var schema = JsonSchemaFactory.Create(typeof(Node));

        Assert.Equal("The value", Prop(schema, "Value").GetProperty("description").GetString());
        Assert.Equal(["string", "null"], Strings(Prop(schema, "Level").GetProperty("type")));
        Assert.True(StructuredOutputParser.Parse("""{"Value":"a","Next":{"Value":"b","Next":null,"Level":null},"Level":"High"}""", schema).Success);
        var bad = StructuredOutputParser.Parse("""{"Value":"a","Next":{"Value":"b","Next":{"Value":1,"Next":null,"Level":null},"Level":null},"Level":"Mid"}""", schema);
        Assert.Contains("Next.Next.Value: expected string, got integer", bad.Violations);
        Assert.Contains(bad.Violations, v => v.StartsWith("Level: value \"Mid\"", StringComparison.Ordinal));
    }
}
