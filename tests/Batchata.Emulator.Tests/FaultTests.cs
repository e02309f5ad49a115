using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

public sealed class FaultTests
{
    private static async Task<List<int>> StatusSequenceAsync(int seed)
    {
        var options = new EmulatorOptions { Seed = seed, Faults = { TransientFailureRate = 0.5 } };
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        using var http = AnthropicHttp(emulator);
        var statuses = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            try
            {
                using var response = await http.GetAsync("v1/messages/batches", Ct);
                statuses.Add((int)response.StatusCode);
            }
            catch (HttpRequestException)
            {
                statuses.Add(-1);
            }
        }

        return statuses;
    }

    [Fact]
    public async Task TransientFailures_SameSeed_SameSequence()
    {
        var first = await StatusSequenceAsync(7);
        var second = await StatusSequenceAsync(7);
        var other = await StatusSequenceAsync(8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains(200, first);
        Assert.Contains(first, s => s is 429 or 500 or 503 or 529 or -1);
    }

    [Fact]
    public async Task TransientFailures_RateLimited_CarriesRetryHeaders()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { Faults = { TransientFailureRate = 1 } }, Ct);
        using var http = AnthropicHttp(emulator);
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 40 && limited is null; i++)
        {
            try
            {
                var response = await http.PostAsync("v1/messages/batches", JsonContent.Create(new { requests = new[] { AnthropicRequest("a", "x") } }), Ct);
                if ((int)response.StatusCode == 429)
                {
                    limited = response;
                }
            }
            catch (HttpRequestException)
            {
            }
        }

        var (_, record) = await GetJsonAsync(new HttpClient { BaseAddress = emulator.BaseUrl }, "_emulator/batches");

        Assert.NotNull(limited);
        Assert.Equal("0", limited.Headers.GetValues("retry-after").Single());
        Assert.Equal("10", limited.Headers.GetValues("retry-after-ms").Single());
        Assert.Empty(emulator.CreatedBatches);
        Assert.Empty(record!["data"]!.AsArray());
    }

    [Fact]
    public async Task RetryableRequestErrors_Seeded_AreDeterministicAndRetryable()
    {
        async Task<string[]> RunAsync()
        {
            await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { Faults = { RetryableRequestErrorRate = 0.5 } }, Ct);
            using var http = AnthropicHttp(emulator);
            var (_, created) = await CreateAnthropicAsync(http, Enumerable.Range(0, 20).Select(i => AnthropicRequest($"r{i}", "x")).ToArray());
            var lines = await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results");
            return lines.OrderBy(l => l["custom_id"]!.GetValue<string>(), StringComparer.Ordinal)
                .Select(l => l["result"]!["type"]!.GetValue<string>() == "errored" ? l["result"]!["error"]!["error"]!["type"]!.GetValue<string>() : "ok").ToArray();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains("ok", first);
        Assert.All(first.Where(t => t != "ok"), t => Assert.Contains(t, new[] { "overloaded_error", "api_error" }));
    }

    [Fact]
    public async Task TruncateResultStreams_FirstDownloadCut_SecondComplete()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { Faults = { TruncateResultStreams = true } }, Ct);
        using var http = AnthropicHttp(emulator);
        var (_, created) = await CreateAnthropicAsync(http, Enumerable.Range(0, 10).Select(i => AnthropicRequest($"r{i}", "x")).ToArray());
        var path = $"v1/messages/batches/{created!["id"]}/results";

        var firstFailed = false;
        try
        {
            var text = await http.GetStringAsync(path, Ct);
            firstFailed = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Any(l => !IsJson(l)) || text.Split('\n').Length < 10;
        }
        catch (HttpRequestException)
        {
            firstFailed = true;
        }

        var second = await GetLinesAsync(http, path);

        Assert.True(firstFailed);
        Assert.Equal(10, second.Count);
    }

    [Fact]
    public async Task ControlEndpoint_ListsEveryBatchWithUsage()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { TimeProvider = time }, Ct);
        using var anthropic = AnthropicHttp(emulator);
        using var openai = OpenAIHttp(emulator);
        await CreateAnthropicAsync(anthropic, AnthropicRequest("a", "hello"), AnthropicRequest("b", "bye"));
        await OpenAIHttpTests.CreateAsync(openai, OpenAISdkTests.Jsonl(1));

        var (status, record) = await GetJsonAsync(new HttpClient { BaseAddress = emulator.BaseUrl }, "_emulator/batches");
        var data = record!["data"]!.AsArray();

        Assert.Equal(200, status);
        Assert.Equal(["anthropic", "openai"], data.Select(d => d!["provider"]!.GetValue<string>()));
        Assert.Equal(["a", "b"], data[0]!["custom_ids"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("ended", data[0]!["status"]!.GetValue<string>());
        Assert.True(data[0]!["input_tokens"]!.GetValue<long>() > 0);
        Assert.False(data[1]!["cancel_requested"]!.GetValue<bool>());
        Assert.Equal(2, emulator.CreatedBatches.Count);
        Assert.Equal(emulator.CreatedBatches[0].OutputTokens, data[0]!["output_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task FaultsEndpoint_Post_ChangesKnobsAtRunTime()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var control = new HttpClient { BaseAddress = emulator.BaseUrl };
        using var http = AnthropicHttp(emulator);

        var (status, body) = await PostJsonAsync(control, "_emulator/faults", new { transient_failure_rate = 1.0 });
        var faulted = 0;
        for (var i = 0; i < 5; i++)
        {
            try
            {
                using var response = await http.GetAsync("v1/messages/batches", Ct);
                faulted += response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (HttpRequestException)
            {
                faulted++;
            }
        }

        Assert.Equal(200, status);
        Assert.Equal(1.0, body!["transient_failure_rate"]!.GetValue<double>());
        Assert.Equal(5, faulted);
    }

    private static bool IsJson(string line)
    {
        try
        {
            JsonDocument.Parse(line).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
