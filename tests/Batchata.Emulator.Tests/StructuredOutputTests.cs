using System.Text.Json;
using System.Text.Json.Nodes;
using Batchata.Emulator.Core;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

public sealed class StructuredOutputTests
{
    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["title", "count", "price", "tags", "status", "owner", "note", "flag"],
          "properties": {
            "title": { "type": "string" },
            "count": { "type": "integer" },
            "price": { "type": "number", "minimum": 5 },
            "tags": { "type": "array", "items": { "type": "string" } },
            "status": { "type": "string", "enum": ["open", "closed"] },
            "owner": { "$ref": "#/$defs/person" },
            "note": { "type": ["string", "null"] },
            "flag": { "anyOf": [{ "type": "null" }, { "type": "boolean" }] }
          },
          "$defs": { "person": { "type": "object", "additionalProperties": false, "required": ["name", "age"], "properties": { "name": { "type": "string" }, "age": { "type": "integer" } } } }
        }
        """;

    [Fact]
    public void Build_RichSchema_ProducesConformingInstanceFromInput()
    {
        using var schema = JsonDocument.Parse(Schema);

        var node = new SchemaInstanceBuilder(schema.RootElement, new TextSource("Invoice from Acme for 3 widgets"), null).Build()!.AsObject();

        Assert.Equal(JsonValueKind.String, node["title"]!.GetValueKind());
        Assert.Contains(node["title"]!.GetValue<string>().Split(' ')[0], "Invoice from Acme for widgets");
        Assert.Equal(3, node["count"]!.GetValue<long>());
        Assert.True(node["price"]!.GetValue<long>() >= 5);
        Assert.InRange(node["tags"]!.AsArray().Count, 1, 2);
        Assert.Equal("open", node["status"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, node["owner"]!["name"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, node["owner"]!["age"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, node["note"]!.GetValueKind());
        Assert.True(node["flag"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Results_ForcedTool_AnswersWithToolUseBlock()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var extra = new
        {
            tools = new[] { new { name = "emit", input_schema = JsonNode.Parse(Schema) } },
            tool_choice = new { type = "tool", name = "emit" },
        };

        var (_, created) = await CreateAnthropicAsync(http, AnthropicRequest("a", "Ticket 7 about printers", extra: extra));
        var line = (await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results")).Single();
        var block = line["result"]!["message"]!["content"]![0]!;

        Assert.Equal("tool_use", block["type"]!.GetValue<string>());
        Assert.Equal("emit", block["name"]!.GetValue<string>());
        Assert.Equal(7, block["input"]!["count"]!.GetValue<int>());
        Assert.Equal("tool_use", line["result"]!["message"]!["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_OpenAIAndGeminiSchemas_AnswerParsesAsJson()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var gemini = GeminiHttp(emulator);
        var geminiSchema = JsonNode.Parse("""{"type":"OBJECT","properties":{"city":{"type":"STRING"},"n":{"type":"INTEGER"}},"propertyOrdering":["n","city"]}""");
        var body = new
        {
            batch = new
            {
                inputConfig = new
                {
                    requests = new
                    {
                        requests = new[]
                        {
                            new
                            {
                                request = new
                                {
                                    contents = new[] { new { parts = new[] { new { text = "Paris has 2 rivers" } } } },
                                    generationConfig = new { responseMimeType = "application/json", responseSchema = geminiSchema },
                                },
                                metadata = new { key = "g" },
                            },
                        },
                    },
                },
            },
        };

        var (_, created) = await PostJsonAsync(gemini, "v1beta/models/gemini-2.5-flash:batchGenerateContent", body);
        var text = created!["response"]!["inlinedResponses"]!["inlinedResponses"]![0]!["response"]!["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>();
        var answer = JsonNode.Parse(text)!.AsObject();

        Assert.Equal(["n", "city"], answer.Select(p => p.Key));
        Assert.Equal(2, answer["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task Output_OpenAIJsonSchema_ContentConformsToSchema()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var line = JsonSerializer.Serialize(new
        {
            custom_id = "s",
            method = "POST",
            url = "/v1/chat/completions",
            body = new
            {
                model = "gpt-4.1-mini",
                messages = new[] { new { role = "user", content = "Order 42 for Bob" } },
                response_format = new { type = "json_schema", json_schema = new { name = "Order", strict = true, schema = JsonNode.Parse(Schema) } },
            },
        });

        var batch = await OpenAIHttpTests.CreateAsync(http, line);
        var output = (await GetLinesAsync(http, $"files/{batch["output_file_id"]}/content")).Single();
        var answer = JsonNode.Parse(output["response"]!["body"]!["choices"]![0]!["message"]!["content"]!.GetValue<string>())!;

        Assert.Equal(42, answer["count"]!.GetValue<int>());
        Assert.Equal("open", answer["status"]!.GetValue<string>());
        Assert.Equal(["title", "count", "price", "tags", "status", "owner", "note", "flag"], answer.AsObject().Select(p => p.Key));
    }
}
