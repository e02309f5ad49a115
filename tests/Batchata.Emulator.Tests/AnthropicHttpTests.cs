using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

public sealed class AnthropicHttpTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Create_WrongKey_Returns401AuthenticationErrorWithoutEchoingKey()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator, "secret-wrong");

        var (status, body) = await CreateAnthropicAsync(http, AnthropicRequest("a", "hi"));

        Assert.Equal(401, status);
        Assert.Equal("error", body!["type"]!.GetValue<string>());
        Assert.Equal("authentication_error", body["error"]!["type"]!.GetValue<string>());
        Assert.Equal("invalid x-api-key", body["error"]!["message"]!.GetValue<string>());
        Assert.StartsWith("req_", body["request_id"]!.GetValue<string>());
        Assert.DoesNotContain("secret-wrong", body.ToJsonString());
        Assert.Empty(emulator.CreatedBatches);
    }

    [Fact]
    public async Task Create_MissingVersionHeader_Returns400()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Add("x-api-key", emulator.ApiKey);

        var (status, body) = await CreateAnthropicAsync(http, AnthropicRequest("a", "hi"));

        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", body!["error"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("bad id!")]
    [InlineData("")]
    public async Task Create_InvalidCustomId_Returns400(string id)
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);

        var (status, _) = await CreateAnthropicAsync(http, AnthropicRequest(id, "hi"));
        var (duplicate, _) = await CreateAnthropicAsync(http, AnthropicRequest("x", "hi"), AnthropicRequest("x", "ho"));

        Assert.Equal(400, status);
        Assert.Equal(400, duplicate);
        Assert.Empty(emulator.CreatedBatches);
    }

    [Fact]
    public async Task Retrieve_AdvancingFakeTime_CountsStayProcessingUntilEnded()
    {
        var time = new FakeTimeProvider(Start);
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromMinutes(10) }, Ct);
        using var http = AnthropicHttp(emulator);
        var (_, created) = await CreateAnthropicAsync(http, AnthropicRequest("a", "one"), AnthropicRequest("b", "two [[emulator:error=overloaded_error]]"));
        var id = created!["id"]!.GetValue<string>();

        time.Advance(TimeSpan.FromMinutes(9));
        var (_, mid) = await GetJsonAsync(http, $"v1/messages/batches/{id}");
        var (early, _) = await GetJsonAsync(http, $"v1/messages/batches/{id}/results");
        time.Advance(TimeSpan.FromMinutes(1));
        var (_, end) = await GetJsonAsync(http, $"v1/messages/batches/{id}");

        Assert.Equal("2026-01-01T00:00:00.000000Z", created["created_at"]!.GetValue<string>());
        Assert.Equal("2026-01-02T00:00:00.000000Z", created["expires_at"]!.GetValue<string>());
        Assert.Equal("in_progress", mid!["processing_status"]!.GetValue<string>());
        Assert.Equal(2, mid["request_counts"]!["processing"]!.GetValue<int>());
        Assert.Equal(0, mid["request_counts"]!["succeeded"]!.GetValue<int>());
        Assert.Null(mid["results_url"]);
        Assert.Equal(400, early);
        Assert.Equal("ended", end!["processing_status"]!.GetValue<string>());
        Assert.Equal(1, end["request_counts"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(1, end["request_counts"]!["errored"]!.GetValue<int>());
        Assert.Equal(new Uri(emulator.BaseUrl, $"v1/messages/batches/{id}/results").ToString(), end["results_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_ManyRequests_AreShuffledAndServedAtResultsUrl()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var requests = Enumerable.Range(0, 20).Select(i => AnthropicRequest($"r{i}", $"prompt {i}")).ToArray();
        var (_, created) = await CreateAnthropicAsync(http, requests);

        var lines = await GetLinesAsync(http, created!["results_url"]!.GetValue<string>());
        var ids = lines.Select(l => l["custom_id"]!.GetValue<string>()).ToList();

        Assert.Equal(20, ids.Distinct().Count());
        Assert.NotEqual(Enumerable.Range(0, 20).Select(i => $"r{i}"), ids);
        var message = lines[0]["result"]!["message"]!;
        Assert.Equal("batch", message["usage"]!["service_tier"]!.GetValue<string>());
        Assert.Equal("end_turn", message["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_Directives_ProduceErrorRefusalAndBadJson()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var schema = new { output_config = new { format = new { type = "json_schema", schema = new { type = "object", properties = new { a = new { type = "string" } } } } } };
        var (_, created) = await CreateAnthropicAsync(http,
            AnthropicRequest("err", "x [[emulator:error=invalid_request_error]]"),
            AnthropicRequest("ref", "x [[emulator:refusal]]"),
            AnthropicRequest("bad", "x [[emulator:bad-json]]", extra: schema),
            AnthropicRequest("cut", "please write a lot of words here now", maxTokens: 2));

        var lines = (await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results")).ToDictionary(l => l["custom_id"]!.GetValue<string>());

        var error = lines["err"]["result"]!["error"]!;
        Assert.Equal("errored", lines["err"]["result"]!["type"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["error"]!["type"]!.GetValue<string>());
        Assert.Equal("Emulated failure (invalid_request_error).", error["error"]!["message"]!.GetValue<string>());
        Assert.Equal("refusal", lines["ref"]["result"]!["message"]!["stop_reason"]!.GetValue<string>());
        Assert.Equal("{\"truncated\": ", lines["bad"]["result"]!["message"]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("max_tokens", lines["cut"]["result"]!["message"]!["stop_reason"]!.GetValue<string>());
        Assert.Equal(2, lines["cut"]["result"]!["message"]!["usage"]!["output_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Results_NewVersionWithTemperature_ErrorsThatRequestOnly()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator, version: "2026-10-21");

        var (status, created) = await CreateAnthropicAsync(http, AnthropicRequest("t", "hi", extra: new { temperature = 0.2 }), AnthropicRequest("ok", "hi"));
        var lines = (await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results")).ToDictionary(l => l["custom_id"]!.GetValue<string>());

        Assert.Equal(200, status);
        Assert.Equal("temperature: Extra inputs are not permitted", lines["t"]["result"]!["error"]!["error"]!["message"]!.GetValue<string>());
        Assert.Equal("succeeded", lines["ok"]["result"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_ExpiryWithProgressiveCompletion_KeepsFinishedResults()
    {
        var time = new FakeTimeProvider(Start);
        var options = new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromHours(4), Faults = { ExpireAfter = TimeSpan.FromHours(2) } };
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        using var http = AnthropicHttp(emulator);
        var (_, created) = await CreateAnthropicAsync(http, Enumerable.Range(0, 4).Select(i => AnthropicRequest($"r{i}", "x")).ToArray());

        time.Advance(TimeSpan.FromHours(3));
        var (_, batch) = await GetJsonAsync(http, $"v1/messages/batches/{created!["id"]}");
        var lines = await GetLinesAsync(http, $"v1/messages/batches/{created["id"]}/results");

        Assert.Equal("ended", batch!["processing_status"]!.GetValue<string>());
        Assert.Equal(2, batch["request_counts"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(2, batch["request_counts"]!["expired"]!.GetValue<int>());
        Assert.Equal("2026-01-01T02:00:00.000000Z", batch["ended_at"]!.GetValue<string>());
        Assert.Equal(2, lines.Count(l => l["result"]!["type"]!.GetValue<string>() == "expired"));
    }

    [Fact]
    public async Task List_Pagination_NewestFirstWithCursors()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, created) = await CreateAnthropicAsync(http, AnthropicRequest("a", "x"));
            ids.Add(created!["id"]!.GetValue<string>());
        }

        var (_, first) = await GetJsonAsync(http, "v1/messages/batches?limit=2");
        var (_, second) = await GetJsonAsync(http, $"v1/messages/batches?limit=2&after_id={first!["last_id"]}");

        Assert.Equal([ids[2], ids[1]], first["data"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()));
        Assert.True(first["has_more"]!.GetValue<bool>());
        Assert.Equal([ids[0]], second!["data"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()));
        Assert.False(second["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Delete_EndedBatch_ReturnsDeletedObject()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var (_, created) = await CreateAnthropicAsync(http, AnthropicRequest("a", "x"));

        using var response = await http.DeleteAsync($"v1/messages/batches/{created!["id"]}", Ct);
        var body = await ReadNodeAsync(response);
        var (after, _) = await GetJsonAsync(http, $"v1/messages/batches/{created["id"]}");

        Assert.Equal("message_batch_deleted", body!["type"]!.GetValue<string>());
        Assert.Equal(404, after);
    }

    [Fact]
    public async Task Results_CacheControlPrefix_CreatesThenReads()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var system = new { system = new object[] { new { type = "text", text = "You are a careful assistant with a long shared instruction block.", cache_control = new { type = "ephemeral" } } } };
        var (_, created) = await CreateAnthropicAsync(http, AnthropicRequest("a", "one", extra: system), AnthropicRequest("b", "two", extra: system));

        var lines = (await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results")).ToDictionary(l => l["custom_id"]!.GetValue<string>());
        JsonNode Usage(string id) => lines[id]["result"]!["message"]!["usage"]!;

        Assert.True(Usage("a")["cache_creation_input_tokens"]!.GetValue<int>() > 0);
        Assert.Equal(0, Usage("a")["cache_read_input_tokens"]!.GetValue<int>());
        Assert.Equal(Usage("a")["cache_creation_input_tokens"]!.GetValue<int>(), Usage("b")["cache_read_input_tokens"]!.GetValue<int>());
    }
}
