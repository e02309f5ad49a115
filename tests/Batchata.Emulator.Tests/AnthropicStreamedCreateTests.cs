using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

/// <summary>
/// The Anthropic create body is read as it arrives, a request at a time (64 KB buffers): requests that straddle
/// buffers, a request larger than the buffer, properties around the array, and every way a body can be wrong.
/// </summary>
public sealed class AnthropicStreamedCreateTests
{
    [Fact]
    public async Task Create_ManyRequestsAcrossBuffersAndOneLargerThanABuffer_AnswersEachAsTheBodyWasSent()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var large = string.Join(' ', Enumerable.Range(0, 40_000).Select(i => $"w{i}")); // ~270 KB, several buffers
        var requests = Enumerable.Range(0, 3_000).Select(i => AnthropicRequest($"r{i}", i == 1_500 ? "Big one: " + large : $"Tell me about item {i} please.")).ToList();
        var body = "{\"metadata_first\":{\"nested\":[1,2,{\"x\":\"requests\"}]},\"requests\":" + JsonSerializer.Serialize(requests) + ",\"after\":\"ignored\"}";
        using var response = await http.PostAsync("v1/messages/batches", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var created = await ReadNodeAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(3_000, emulator.CreatedBatches.Single().RequestCount);
        Assert.Equal(Enumerable.Range(0, 3_000).Select(i => $"r{i}"), emulator.CreatedBatches[0].CustomIds);
        var lines = await GetLinesAsync(http, created!["results_url"]!.GetValue<string>());
        var byId = lines.ToDictionary(l => l["custom_id"]!.GetValue<string>(), l => l["result"]!["message"]!);
        Assert.Equal(3_000, byId.Count);
        Assert.Equal("Emulated answer: Tell me about item 2999 please.", Text(byId["r2999"]));
        Assert.Equal("Emulated answer: Tell me about item 7 please.", Text(byId["r7"]));
        Assert.StartsWith("Emulated answer: Big one: w0 w1 w2", Text(byId["r1500"]));
        Assert.True(byId["r1500"]["usage"]!["input_tokens"]!.GetValue<int>() > 40_000, "the large request's prompt is counted whole");
        Assert.Equal("claude-sonnet-4-6", byId["r0"]["model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"requests\":[{\"custom_id\":\"a\",\"params\":{\"model\":\"m\"", "requests: Field required")] // cut off
    [InlineData("not json", "requests: Field required")]
    [InlineData("[1,2]", "requests: Field required")]
    [InlineData("{\"requests\":{\"a\":1}}", "requests: Field required")]
    [InlineData("{\"other\":[1]}", "requests: Field required")]
    [InlineData("{\"requests\":[]}", "requests: List should have at least 1 item after validation, not 0")]
    [InlineData("{\"requests\":[{\"custom_id\":\"a\",\"params\":{}},{\"custom_id\":\"a\",\"params\":{}}]}", "requests.1.custom_id: Duplicate custom_id 'a'; custom_id values must be unique within a batch.")]
    [InlineData("{\"requests\":[{\"custom_id\":\"a\",\"params\":{}},7]}", "requests.1.custom_id: Field required")]
    [InlineData("{\"requests\":[{\"custom_id\":\"a\"}]}", "requests.0.params: Field required")]
    public async Task Create_BadBody_Returns400WithTheProblemAndCreatesNothing(string body, string message)
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);

        using var response = await http.PostAsync("v1/messages/batches", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var answer = await ReadNodeAsync(response);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", answer!["error"]!["type"]!.GetValue<string>());
        Assert.Equal(message, answer["error"]!["message"]!.GetValue<string>());
        Assert.Empty(emulator.CreatedBatches);
    }

    [Fact]
    public async Task Create_MoreThan100000Requests_Returns400WithTheCountEvenAfterAnInvalidOne()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var body = new StringBuilder("{\"requests\":[{\"custom_id\":\"bad id\",\"params\":{}}");
        for (var i = 1; i < 100_001; i++)
        {
            body.Append(",{\"custom_id\":\"r").Append(i).Append("\",\"params\":{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}}");
        }

        body.Append("]}");
        using var response = await http.PostAsync("v1/messages/batches", new StringContent(body.ToString(), Encoding.UTF8, "application/json"), Ct);
        var answer = await ReadNodeAsync(response);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("requests: List should have at most 100000 items after validation, not 100001", answer!["error"]!["message"]!.GetValue<string>());
        Assert.Empty(emulator.CreatedBatches);
    }

    private static string Text(JsonNode message) => message["content"]![0]!["text"]!.GetValue<string>();
}
