using Microsoft.Extensions.Time.Testing;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

/// <summary>The latency model (base plus per request) and the providers' queue limits, answered in each provider's shape.</summary>
public sealed class QueueLimitTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Latency_BasePlusPerRequest_EndsBatchAfterBothTerms()
    {
        var time = Clock();
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromSeconds(10), PerRequestLatency = TimeSpan.FromSeconds(1) }, Ct);
        using var http = AnthropicHttp(emulator);
        var (_, created) = await CreateAnthropicAsync(http, AnthropicRequest("a", "one"), AnthropicRequest("b", "two"), AnthropicRequest("c", "three"));
        var id = created!["id"]!.GetValue<string>();

        time.Advance(TimeSpan.FromSeconds(12.5));
        var (_, before) = await GetJsonAsync(http, $"v1/messages/batches/{id}");
        time.Advance(TimeSpan.FromSeconds(0.5));
        var (_, after) = await GetJsonAsync(http, $"v1/messages/batches/{id}");

        Assert.Equal("in_progress", before!["processing_status"]!.GetValue<string>());
        Assert.Equal("ended", after!["processing_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenAI_OverEnqueuedTokenLimit_FailsWithTokenLimitExceededUntilQueueDrains()
    {
        var time = Clock();
        var options = new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromMinutes(10) };
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        using var http = OpenAIHttp(emulator);
        var probe = await OpenAIHttpTests.CreateAsync(http, OpenAISdkTests.Jsonl(4));
        time.Advance(TimeSpan.FromMinutes(11));
        var (_, ended) = await GetJsonAsync(http, $"batches/{probe["id"]!.GetValue<string>()}");
        var tokensOfFour = ended!["usage"]!["input_tokens"]!.GetValue<long>();
        options.EnqueuedTokenLimit = tokensOfFour + (tokensOfFour / 8); // four fit, eight do not

        var first = await OpenAIHttpTests.CreateAsync(http, OpenAISdkTests.Jsonl(4));
        var second = await OpenAIHttpTests.CreateAsync(http, OpenAISdkTests.Jsonl(4));
        var otherModel = await OpenAIHttpTests.CreateAsync(http, OpenAISdkTests.Jsonl(4, "gpt-4.1"));
        time.Advance(TimeSpan.FromMinutes(2));
        var (_, rejected) = await GetJsonAsync(http, $"batches/{second["id"]!.GetValue<string>()}");
        var (_, running) = await GetJsonAsync(http, $"batches/{first["id"]!.GetValue<string>()}");
        time.Advance(TimeSpan.FromMinutes(10));
        var third = await OpenAIHttpTests.CreateAsync(http, OpenAISdkTests.Jsonl(4));
        time.Advance(TimeSpan.FromMinutes(2));
        var (_, admitted) = await GetJsonAsync(http, $"batches/{third["id"]!.GetValue<string>()}");

        Assert.Equal("validating", second["status"]!.GetValue<string>());
        Assert.Equal("failed", rejected!["status"]!.GetValue<string>());
        var error = Assert.Single(rejected["errors"]!["data"]!.AsArray())!;
        Assert.Equal("token_limit_exceeded", error["code"]!.GetValue<string>());
        Assert.Contains("Enqueued token limit reached for gpt-4.1-mini", error["message"]!.GetValue<string>());
        Assert.Contains($"Limit: {options.EnqueuedTokenLimit:N0} enqueued tokens", error["message"]!.GetValue<string>());
        Assert.Null(error["line"]);
        Assert.Equal(0, rejected["request_counts"]!["total"]!.GetValue<int>());
        Assert.Equal("in_progress", running!["status"]!.GetValue<string>());
        Assert.NotEqual("failed", otherModel["status"]!.GetValue<string>()); // the limit is per model
        Assert.Equal("in_progress", admitted!["status"]!.GetValue<string>()); // the first ended: room again
    }

    [Fact]
    public async Task Anthropic_CreateOverQueueLimit_Returns429RateLimitErrorAndCreatesNothing()
    {
        var time = Clock();
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromMinutes(10), QueueLimit = 3 }, Ct);
        using var http = AnthropicHttp(emulator);

        var (okStatus, _) = await CreateAnthropicAsync(http, AnthropicRequest("a", "one"), AnthropicRequest("b", "two"));
        var (fullStatus, full) = await CreateAnthropicAsync(http, AnthropicRequest("c", "three"), AnthropicRequest("d", "four"));
        var (fitStatus, _) = await CreateAnthropicAsync(http, AnthropicRequest("e", "five"));
        time.Advance(TimeSpan.FromMinutes(11));
        var (laterStatus, _) = await CreateAnthropicAsync(http, AnthropicRequest("c", "three"), AnthropicRequest("d", "four"));

        Assert.Equal(200, okStatus);
        Assert.Equal(429, fullStatus);
        Assert.Equal("error", full!["type"]!.GetValue<string>());
        Assert.Equal("rate_limit_error", full["error"]!["type"]!.GetValue<string>());
        Assert.StartsWith("req_", full["request_id"]!.GetValue<string>());
        Assert.Equal(200, fitStatus);
        Assert.Equal(200, laterStatus);
        Assert.Equal(3, emulator.CreatedBatches.Count);
    }

    [Fact]
    public async Task Gemini_CreateOverQueueLimit_Returns429ResourceExhaustedAndCreatesNothing()
    {
        var time = Clock();
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromMinutes(10), QueueLimit = 3 }, Ct);
        using var http = GeminiHttp(emulator);
        const string path = "v1beta/models/gemini-2.5-flash:batchGenerateContent";

        var (okStatus, _) = await PostJsonAsync(http, path, GeminiHttpTests.Inline("one", "two"));
        var (fullStatus, full) = await PostJsonAsync(http, path, GeminiHttpTests.Inline("three", "four"));
        time.Advance(TimeSpan.FromMinutes(11));
        var (laterStatus, _) = await PostJsonAsync(http, path, GeminiHttpTests.Inline("three", "four"));

        Assert.Equal(200, okStatus);
        Assert.Equal(429, fullStatus);
        Assert.Equal(429, full!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("RESOURCE_EXHAUSTED", full["error"]!["status"]!.GetValue<string>());
        Assert.Equal(200, laterStatus);
        Assert.Equal(2, emulator.CreatedBatches.Count);
    }
}
