using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

public sealed class OpenAIHttpTests
{
    internal static async Task<string> UploadAsync(HttpClient http, string jsonl, string fileName = "in.jsonl")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(jsonl));
        form.Add(file, "file", fileName);
        form.Add(new StringContent("batch"), "purpose");
        using var response = await http.PostAsync("files", form, Ct);
        var body = await ReadNodeAsync(response);
        return body!["id"]?.GetValue<string>() ?? throw new InvalidOperationException(body.ToJsonString());
    }

    internal static async Task<JsonNode> CreateAsync(HttpClient http, string jsonl)
    {
        var fileId = await UploadAsync(http, jsonl);
        var (_, batch) = await PostJsonAsync(http, "batches", new { input_file_id = fileId, endpoint = "/v1/chat/completions", completion_window = "24h" });
        return batch!;
    }

    private static string Line(string id, object body) => JsonSerializer.Serialize(new { custom_id = id, method = "POST", url = "/v1/chat/completions", body });

    [Fact]
    public async Task Request_WrongKey_Returns401InvalidApiKey()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator, "sk-wrong");

        var (status, body) = await GetJsonAsync(http, "batches");

        Assert.Equal(401, status);
        Assert.Equal("invalid_request_error", body!["error"]!["type"]!.GetValue<string>());
        Assert.Equal("invalid_api_key", body["error"]!["code"]!.GetValue<string>());
        Assert.Null(body["error"]!["param"]);
        Assert.DoesNotContain("sk-wrong", body.ToJsonString());
    }

    [Fact]
    public async Task Create_InvalidLines_FailsWithLineErrors()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var body = new { model = "gpt-4.1", messages = new[] { new { role = "user", content = "hi" } } };
        var jsonl = string.Join('\n', Line("a", body), "not json", Line("a", body), Line("b", new { model = "gpt-4o", messages = body.messages }));

        var batch = await CreateAsync(http, jsonl);

        Assert.Equal("failed", batch["status"]!.GetValue<string>());
        var errors = batch["errors"]!["data"]!.AsArray();
        Assert.Equal(["invalid_json_line", "duplicate_custom_id", "mismatched_model"], errors.Select(e => e!["code"]!.GetValue<string>()));
        Assert.Equal([2, 3, 4], errors.Select(e => e!["line"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Create_BadCompletionWindow_Returns400()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var fileId = await UploadAsync(http, OpenAISdkTests.Jsonl(1));

        var (status, body) = await PostJsonAsync(http, "batches", new { input_file_id = fileId, endpoint = "/v1/chat/completions", completion_window = "48h" });

        Assert.Equal(400, status);
        Assert.Equal("completion_window", body!["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_AdvancingFakeTime_WalksValidatingInProgressFinalizingCompleted()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromMinutes(100) }, Ct);
        using var http = OpenAIHttp(emulator);
        var id = (await CreateAsync(http, OpenAISdkTests.Jsonl(4)))["id"]!.GetValue<string>();
        var seen = new List<(string, int)>();

        foreach (var minutes in new[] { 0, 50, 45, 5 })
        {
            time.Advance(TimeSpan.FromMinutes(minutes));
            var (_, batch) = await GetJsonAsync(http, $"batches/{id}");
            seen.Add((batch!["status"]!.GetValue<string>(), batch["request_counts"]!["completed"]!.GetValue<int>()));
        }

        Assert.Equal([("validating", 0), ("in_progress", 2), ("finalizing", 3), ("completed", 4)], seen);
    }

    [Fact]
    public async Task Output_ReasoningModelAndDirectives_SplitsOutputAndErrorFiles()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var jsonl = string.Join('\n',
            Line("ok", new { model = "gpt-5-mini", max_completion_tokens = 50, messages = new[] { new { role = "developer", content = "Be brief." }, new { role = "user", content = "Hello there" } } }),
            Line("old", new { model = "gpt-5-mini", max_tokens = 50, messages = new[] { new { role = "user", content = "x" } } }),
            Line("srv", new { model = "gpt-5-mini", messages = new[] { new { role = "user", content = "x [[emulator:error=server_error]]" } } }),
            Line("ref", new { model = "gpt-5-mini", messages = new[] { new { role = "user", content = "x [[emulator:refusal]]" } } }));

        var batch = await CreateAsync(http, jsonl);
        var output = (await GetLinesAsync(http, $"files/{batch["output_file_id"]}/content")).ToDictionary(l => l["custom_id"]!.GetValue<string>());
        var errors = (await GetLinesAsync(http, $"files/{batch["error_file_id"]}/content")).ToDictionary(l => l["custom_id"]!.GetValue<string>());

        Assert.Equal(["ok", "ref"], output.Keys.Order());
        Assert.Equal(["old", "srv"], errors.Keys.Order());
        var completion = output["ok"]["response"]!["body"]!;
        Assert.Equal("chat.completion", completion["object"]!.GetValue<string>());
        Assert.Equal("Emulated answer: Hello there", completion["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.NotNull(completion["usage"]!["prompt_tokens_details"]!["cached_tokens"]);
        Assert.Null(output["ref"]["response"]!["body"]!["choices"]![0]!["message"]!["content"]);
        Assert.Equal(400, errors["old"]["response"]!["status_code"]!.GetValue<int>());
        Assert.Equal("unsupported_parameter", errors["old"]["response"]!["body"]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(500, errors["srv"]["response"]!["status_code"]!.GetValue<int>());
        Assert.Null(errors["srv"]["error"]);
        Assert.Equal(2, batch["request_counts"]!["failed"]!.GetValue<int>());
        Assert.True(batch["usage"]!["input_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Output_AllFailed_HasNoOutputFile()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);

        var batch = await CreateAsync(http, Line("a", new { model = "gpt-4.1", messages = new[] { new { role = "user", content = "[[emulator:error=invalid_request_error]]" } } }));

        Assert.Equal("completed", batch["status"]!.GetValue<string>());
        Assert.Null(batch["output_file_id"]);
        Assert.NotNull(batch["error_file_id"]);
    }

    [Fact]
    public async Task Output_Expired_FinishedInOutputRestBatchExpired()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromHours(4), Faults = { ExpireAfter = TimeSpan.FromHours(1) } };
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        using var http = OpenAIHttp(emulator);
        var id = (await CreateAsync(http, OpenAISdkTests.Jsonl(4)))["id"]!.GetValue<string>();

        time.Advance(TimeSpan.FromHours(2));
        var (_, batch) = await GetJsonAsync(http, $"batches/{id}");
        var output = await GetLinesAsync(http, $"files/{batch!["output_file_id"]}/content");
        var errors = await GetLinesAsync(http, $"files/{batch["error_file_id"]}/content");

        Assert.Equal("expired", batch["status"]!.GetValue<string>());
        Assert.Single(output);
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Equal("batch_expired", e["error"]!["code"]!.GetValue<string>()));
        Assert.All(errors, e => Assert.Null(e["response"]));
    }

    [Fact]
    public async Task Upload_NonJsonlName_Returns400()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        using var form = new MultipartFormDataContent { { new StringContent("{}"), "file", "in.txt" }, { new StringContent("batch"), "purpose" } };

        using var response = await http.PostAsync("files", form, Ct);

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Content_UploadedInputFile_ReturnsTheExactBytesAfterTheBatchEnded()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var body = new { model = "gpt-4.1", messages = new[] { new { role = "user", content = "Say hi to the émulateur ✓" } } };
        var jsonl = string.Join("\r\n", Enumerable.Range(0, 50).Select(i => Line($"r{i}", body))) + "\n";
        var fileId = await UploadAsync(http, jsonl);
        var (_, batch) = await PostJsonAsync(http, "batches", new { input_file_id = fileId, endpoint = "/v1/chat/completions", completion_window = "24h" });
        Assert.Equal("completed", batch!["status"]!.GetValue<string>());
        Assert.Equal(50, (await GetLinesAsync(http, $"files/{batch["output_file_id"]}/content")).Count);

        using var response = await http.GetAsync($"files/{fileId}/content", Ct);
        var (_, file) = await GetJsonAsync(http, $"files/{fileId}");

        Assert.Equal(200, (int)response.StatusCode);
        var expected = Encoding.UTF8.GetBytes(jsonl);
        Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(expected.Length, file!["bytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task Output_NonAsciiCustomIds_ComeBackUnchanged()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var body = new { model = "gpt-4.1", messages = new[] { new { role = "user", content = "hi" } } };
        string[] ids = ["naïve-✓", "日本語 \"quoted\"", "emoji-😀", "plain"];

        var batch = await CreateAsync(http, string.Join('\n', ids.Select(id => Line(id, body))));
        var output = await GetLinesAsync(http, $"files/{batch["output_file_id"]}/content");

        Assert.Equal(ids.Order(StringComparer.Ordinal), output.Select(l => l["custom_id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(ids, emulator.CreatedBatches.Single().CustomIds);
    }

    [Fact]
    public async Task Delete_InputFileOfRunningBatch_FileGoneBatchStillCompletes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromMinutes(10) }, Ct);
        using var http = OpenAIHttp(emulator);
        var batch = await CreateAsync(http, OpenAISdkTests.Jsonl(4));
        var fileId = batch["input_file_id"]!.GetValue<string>();

        using var deleted = await http.DeleteAsync($"files/{fileId}", Ct);
        var deletedBody = await ReadNodeAsync(deleted);
        var (status, _) = await GetJsonAsync(http, $"files/{fileId}");
        var (_, list) = await GetJsonAsync(http, "files");
        time.Advance(TimeSpan.FromMinutes(10));
        var (_, ended) = await GetJsonAsync(http, $"batches/{batch["id"]}");

        Assert.True(deletedBody!["deleted"]!.GetValue<bool>());
        Assert.Equal(404, status);
        Assert.DoesNotContain(list!["data"]!.AsArray(), f => f!["id"]!.GetValue<string>() == fileId);
        Assert.Equal("completed", ended!["status"]!.GetValue<string>());
        Assert.Equal(4, (await GetLinesAsync(http, $"files/{ended["output_file_id"]}/content")).Count);
    }
}
