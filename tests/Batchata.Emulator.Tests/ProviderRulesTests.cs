using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Batch;
using OpenAI.Files;
using OpenAI.Responses;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

/// <summary>Issue 15: the emulator refuses what the real APIs refuse, in their shapes, and serves <c>/v1/responses</c> batches.</summary>
public sealed class ProviderRulesTests
{
    private static string ChatLine(string id, object body) => JsonSerializer.Serialize(new { custom_id = id, method = "POST", url = "/v1/chat/completions", body });

    private static string ResponsesLine(string id, object body) => JsonSerializer.Serialize(new { custom_id = id, method = "POST", url = "/v1/responses", body });

    private static async Task<Dictionary<string, JsonNode>> OpenAIResultsAsync(HttpClient http, string jsonl, string endpoint = "/v1/chat/completions")
    {
        var fileId = await OpenAIHttpTests.UploadAsync(http, jsonl);
        var (_, batch) = await PostJsonAsync(http, "batches", new { input_file_id = fileId, endpoint, completion_window = "24h" });
        var lines = new List<JsonNode>();
        foreach (var file in new[] { "output_file_id", "error_file_id" })
        {
            if (batch![file]?.GetValue<string>() is { Length: > 0 } id)
            {
                lines.AddRange(await GetLinesAsync(http, $"files/{id}/content"));
            }
        }

        return lines.ToDictionary(l => l["custom_id"]!.GetValue<string>());
    }

    private static async Task<Dictionary<string, JsonNode>> AnthropicResultsAsync(HttpClient http, params object[] requests)
    {
        var (status, created) = await CreateAnthropicAsync(http, requests);
        Assert.Equal(200, status);
        var lines = await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results");
        return lines.ToDictionary(l => l["custom_id"]!.GetValue<string>());
    }

    private static JsonNode Schema(int unionProperties = 0, int optionalProperties = 0)
    {
        var properties = new JsonObject { ["title"] = new JsonObject { ["type"] = "string" } };
        var required = new JsonArray("title");
        for (var i = 0; i < unionProperties; i++)
        {
            properties[$"u{i}"] = new JsonObject { ["type"] = new JsonArray("string", "null") };
            required.Add($"u{i}");
        }

        for (var i = 0; i < optionalProperties; i++)
        {
            properties[$"o{i}"] = new JsonObject { ["type"] = "string" };
        }

        return new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties, ["required"] = required };
    }

    [Theory]
    [InlineData("gpt-5.5-pro")]
    [InlineData("o3-pro-2025-06-10")]
    [InlineData("gpt-5.3-codex")]
    public async Task ChatCompletions_ResponsesOnlyModel_EveryLineFails404(string model)
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var body = new { model, max_completion_tokens = 64, messages = new[] { new { role = "user", content = "Hello" } } };

        var results = await OpenAIResultsAsync(http, ChatLine("a", body) + "\n" + ChatLine("b", body));

        Assert.All(results.Values, line =>
        {
            Assert.Equal(404, line["response"]!["status_code"]!.GetValue<int>());
            var error = line["response"]!["body"]!["error"]!;
            Assert.Equal("This model is only supported in v1/responses and not in v1/chat/completions.", error["message"]!.GetValue<string>());
            Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData("presence_penalty", 0.5)]
    [InlineData("frequency_penalty", 0.5)]
    [InlineData("logprobs", true)]
    [InlineData("top_logprobs", 2)]
    public async Task ReasoningModel_RejectedParameter_FailsTheLine(string name, object value)
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var body = new Dictionary<string, object> { ["model"] = "gpt-6-luna", ["max_completion_tokens"] = 64, ["messages"] = new[] { new { role = "user", content = "Hi" } }, [name] = value };

        var line = (await OpenAIResultsAsync(http, ChatLine("a", body)))["a"];

        Assert.Equal(400, line["response"]!["status_code"]!.GetValue<int>());
        Assert.Equal($"Unsupported parameter: '{name}' is not supported with this model.", line["response"]!["body"]!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(name, line["response"]!["body"]!["error"]!["param"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("minLength", "1")]
    [InlineData("maxLength", "10")]
    [InlineData("uniqueItems", "true")]
    [InlineData("contentEncoding", "\"base64\"")]
    public async Task StrictSchema_KeywordOutsideSubset_IsNotPermitted(string keyword, string value)
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var schema = JsonNode.Parse("""{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","KEY":VALUE}}}""".Replace("KEY", keyword, StringComparison.Ordinal).Replace("VALUE", value, StringComparison.Ordinal));
        var body = new { model = "gpt-4.1-mini", messages = new[] { new { role = "user", content = "Name?" } }, response_format = new { type = "json_schema", json_schema = new { name = "Person", strict = true, schema } } };

        var line = (await OpenAIResultsAsync(http, ChatLine("a", body)))["a"];

        Assert.Equal(400, line["response"]!["status_code"]!.GetValue<int>());
        var message = line["response"]!["body"]!["error"]!["message"]!.GetValue<string>();
        Assert.Equal($"Invalid schema for response_format 'Person': In context=('properties', 'name'), '{keyword}' is not permitted.", message);
    }

    [Fact]
    public async Task StrictSchema_TooDeepOrRootAnyOf_FailsTheLine()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        JsonNode deep = new JsonObject { ["type"] = "string" };
        for (var i = 0; i < 11; i++)
        {
            deep = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["required"] = new JsonArray("x"), ["properties"] = new JsonObject { ["x"] = deep } };
        }

        var rootAnyOf = JsonNode.Parse("""{"anyOf":[{"type":"object","additionalProperties":false,"required":[],"properties":{}}]}""");
        object Body(JsonNode? schema) => new { model = "gpt-4.1-mini", messages = new[] { new { role = "user", content = "x" } }, response_format = new { type = "json_schema", json_schema = new { name = "S", strict = true, schema } } };

        var results = await OpenAIResultsAsync(http, ChatLine("deep", Body(deep)) + "\n" + ChatLine("any", Body(rootAnyOf)));

        Assert.Contains("more than 10 levels", results["deep"]["response"]!["body"]!["error"]!["message"]!.GetValue<string>());
        Assert.Contains("root may not be 'anyOf'", results["any"]["response"]!["body"]!["error"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("speed", "\"fast\"")]
    [InlineData("stream", "true")]
    public async Task AnthropicBatch_RejectedParameter_ErrorsTheRequest(string name, string value)
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);

        var results = await AnthropicResultsAsync(http, AnthropicRequest("a", "Hi", extra: JsonNode.Parse($$"""{"{{name}}":{{value}}}""")), AnthropicRequest("b", "Hi"));

        Assert.Equal("errored", results["a"]["result"]!["type"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", results["a"]["result"]!["error"]!["error"]!["type"]!.GetValue<string>());
        Assert.StartsWith($"{name}:", results["a"]["result"]!["error"]!["error"]!["message"]!.GetValue<string>());
        Assert.Equal("succeeded", results["b"]["result"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(17, 0, true)]
    [InlineData(16, 0, false)]
    [InlineData(0, 25, true)]
    [InlineData(0, 24, false)]
    public async Task AnthropicOutputFormat_OverComplexityLimits_IsTooComplex(int unions, int optional, bool rejected)
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var extra = new { output_config = new { format = new { type = "json_schema", schema = Schema(unions, optional) } } };

        var result = (await AnthropicResultsAsync(http, AnthropicRequest("a", "Title: cats", 1024, extra)))["a"]["result"]!;

        Assert.Equal(rejected ? "errored" : "succeeded", result["type"]!.GetValue<string>());
        if (rejected)
        {
            Assert.Contains("Schema is too complex for compilation", result["error"]!["error"]!["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task AnthropicOutputFormat_RecursiveOrWithPrefill_ErrorsTheRequest()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var recursive = JsonNode.Parse("""{"type":"object","additionalProperties":false,"required":["root"],"properties":{"root":{"$ref":"#/$defs/node"}},"$defs":{"node":{"type":"object","additionalProperties":false,"required":["children"],"properties":{"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}}}""");
        var prefill = new
        {
            messages = new object[] { new { role = "user", content = "Title?" }, new { role = "assistant", content = "{" } },
            output_config = new { format = new { type = "json_schema", schema = Schema() } },
        };

        var results = await AnthropicResultsAsync(
            http,
            AnthropicRequest("recursive", "Tree", 1024, new { output_config = new { format = new { type = "json_schema", schema = recursive } } }),
            AnthropicRequest("prefill", "ignored", 1024, prefill));

        Assert.Contains("recursive schemas are not supported", results["recursive"]["result"]!["error"]!["error"]!["message"]!.GetValue<string>());
        Assert.Contains("prefilled assistant message", results["prefill"]["result"]!["error"]!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResponsesBatch_TextAndSchema_AnswersWithResponseObjects()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var text = new { model = "gpt-5.5-pro", instructions = "Be brief.", max_output_tokens = 200, input = new[] { new { type = "message", role = "user", content = new object[] { new { type = "input_text", text = "Say hello about cats" } } } } };
        var structured = new
        {
            model = "gpt-5.5-pro",
            max_output_tokens = 400,
            input = new[] { new { role = "user", content = "Order 42 for Bob" } },
            text = new { format = new { type = "json_schema", name = "Order", strict = true, schema = JsonNode.Parse("""{"type":"object","additionalProperties":false,"required":["count","buyer"],"properties":{"count":{"type":"integer"},"buyer":{"type":"string"}}}""") } },
        };

        var results = await OpenAIResultsAsync(http, ResponsesLine("t", text) + "\n" + ResponsesLine("s", structured), "/v1/responses");

        var t = results["t"]["response"]!["body"]!;
        Assert.Equal("response", t["object"]!.GetValue<string>());
        Assert.Equal("completed", t["status"]!.GetValue<string>());
        var message = t["output"]!.AsArray().Single(o => o!["type"]!.GetValue<string>() == "message")!;
        Assert.False(string.IsNullOrEmpty(message["content"]![0]!["text"]!.GetValue<string>()));
        Assert.True(t["usage"]!["input_tokens"]!.GetValue<int>() > 0);
        var answer = JsonNode.Parse(results["s"]["response"]!["body"]!["output"]!.AsArray().Single(o => o!["type"]!.GetValue<string>() == "message")!["content"]![0]!["text"]!.GetValue<string>())!;
        Assert.Equal(42, answer["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ResponsesBatch_UnknownParameter_FailsTheLine()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var body = new { model = "gpt-5.5-pro", max_tokens = 100, input = "Hi" };

        var line = (await OpenAIResultsAsync(http, ResponsesLine("a", body), "/v1/responses"))["a"];

        Assert.Equal(400, line["response"]!["status_code"]!.GetValue<int>());
        Assert.Equal("Unknown parameter: 'max_tokens'.", line["response"]!["body"]!["error"]!["message"]!.GetValue<string>());
    }

#pragma warning disable OPENAI001 // the SDK marks its Responses types experimental
    [Fact]
    public async Task ResponsesBatch_ResultsReadByTheOfficialSdk()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        var client = new OpenAIClient(new ApiKeyCredential(emulator.ApiKey), new OpenAIClientOptions { Endpoint = emulator.OpenAIBaseUrl, RetryPolicy = new ClientRetryPolicy(0) });
        var files = client.GetOpenAIFileClient();
        var batches = client.GetBatchClient();
        var jsonl = string.Join('\n', Enumerable.Range(0, 3).Select(i => ResponsesLine($"r{i}", new { model = "gpt-5.5-pro", max_output_tokens = 256, input = $"Question {i} about cats" })));
        OpenAIFile file = await files.UploadFileAsync(BinaryData.FromString(jsonl), "batch.jsonl", FileUploadPurpose.Batch);
        var create = BinaryContent.Create(BinaryData.FromObjectAsJson(new { input_file_id = file.Id, endpoint = "/v1/responses", completion_window = "24h" }));
        var operation = await batches.CreateBatchAsync(create, waitUntilCompleted: false, new RequestOptions { CancellationToken = Ct });
        var raw = await batches.GetBatchAsync(operation.BatchId, new RequestOptions { CancellationToken = Ct });
        using var batch = JsonDocument.Parse(raw.GetRawResponse().Content);
        var output = await files.DownloadFileAsync(batch.RootElement.GetProperty("output_file_id").GetString()!, Ct);

        var responses = output.Value.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => ModelReaderWriter.Read<ResponseResult>(BinaryData.FromString(JsonNode.Parse(line)!["response"]!["body"]!.ToJsonString()))!)
            .ToList();

        Assert.Equal("/v1/responses", batch.RootElement.GetProperty("endpoint").GetString());
        Assert.Equal(3, responses.Count);
        Assert.All(responses, r =>
        {
            Assert.Equal("gpt-5.5-pro", r.Model);
            Assert.Equal(ResponseStatus.Completed, r.Status);
            Assert.False(string.IsNullOrEmpty(r.GetOutputText()));
            Assert.True(r.Usage.InputTokenCount > 0);
            Assert.True(r.Usage.OutputTokenCount > 0);
            Assert.Equal(0, r.Usage.InputTokenDetails.CachedTokenCount);
            Assert.Equal(0, r.Usage.OutputTokenDetails.ReasoningTokenCount);
        });
    }
#pragma warning restore OPENAI001
}
