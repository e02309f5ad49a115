using System.Text;
using Microsoft.Extensions.Time.Testing;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

public sealed class PartialResultsTests
{
    private static (FakeTimeProvider Time, EmulatorOptions Options) FourHours()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return (time, new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromHours(4) });
    }

    [Fact]
    public async Task AnthropicCancel_HalfwayThrough_KeepsFinishedSucceeded()
    {
        var (time, options) = FourHours();
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        using var http = AnthropicHttp(emulator);
        var (_, created) = await CreateAnthropicAsync(http, Enumerable.Range(0, 4).Select(i => AnthropicRequest($"r{i}", "x")).ToArray());
        var id = created!["id"]!.GetValue<string>();

        time.Advance(TimeSpan.FromHours(2));
        var (_, canceling) = await PostJsonAsync(http, $"v1/messages/batches/{id}/cancel", new { });
        var (_, ended) = await GetJsonAsync(http, $"v1/messages/batches/{id}");

        Assert.Equal("canceling", canceling!["processing_status"]!.GetValue<string>());
        Assert.Equal("ended", ended!["processing_status"]!.GetValue<string>());
        Assert.Equal(2, ended["request_counts"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(2, ended["request_counts"]!["canceled"]!.GetValue<int>());
        Assert.True(emulator.CreatedBatches[0].CancelRequested);
    }

    [Fact]
    public async Task OpenAICancel_HalfwayThrough_SplitsOutputAndCancelledLines()
    {
        var (time, options) = FourHours();
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        using var http = OpenAIHttp(emulator);
        var id = (await OpenAIHttpTests.CreateAsync(http, OpenAISdkTests.Jsonl(4)))["id"]!.GetValue<string>();

        time.Advance(TimeSpan.FromHours(2));
        var (_, cancelling) = await PostJsonAsync(http, $"batches/{id}/cancel", new { });
        var (_, batch) = await GetJsonAsync(http, $"batches/{id}");
        var output = await GetLinesAsync(http, $"files/{batch!["output_file_id"]}/content");
        var errors = await GetLinesAsync(http, $"files/{batch["error_file_id"]}/content");

        Assert.Equal("cancelling", cancelling!["status"]!.GetValue<string>());
        Assert.Equal("cancelled", batch["status"]!.GetValue<string>());
        Assert.Equal(2, output.Count);
        Assert.All(errors, e => Assert.Equal("batch_cancelled", e["error"]!["code"]!.GetValue<string>()));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task OpenAIFiles_GetListDelete_Work()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var id = await OpenAIHttpTests.UploadAsync(http, OpenAISdkTests.Jsonl(2));

        var (_, file) = await GetJsonAsync(http, $"files/{id}");
        var (_, list) = await GetJsonAsync(http, "files?purpose=batch");
        var content = await http.GetStringAsync($"files/{id}/content", Ct);
        using var deleted = await http.DeleteAsync($"files/{id}", Ct);
        var (after, _) = await GetJsonAsync(http, $"files/{id}");
        var (metaStatus, _) = await PostJsonAsync(http, "batches", new
        {
            input_file_id = await OpenAIHttpTests.UploadAsync(http, OpenAISdkTests.Jsonl(1)),
            endpoint = "/v1/chat/completions",
            completion_window = "24h",
            metadata = Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => "v"),
        });

        Assert.Equal("batch", file!["purpose"]!.GetValue<string>());
        Assert.Equal(Encoding.UTF8.GetByteCount(OpenAISdkTests.Jsonl(2)), file["bytes"]!.GetValue<int>());
        Assert.Single(list!["data"]!.AsArray());
        Assert.Equal(OpenAISdkTests.Jsonl(2), content);
        Assert.True(deleted.IsSuccessStatusCode);
        Assert.Equal(404, after);
        Assert.Equal(400, metaStatus);
    }

    [Fact]
    public async Task GeminiUpload_ChunkedWithOffsetsAndQueryKey_Finalizes()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = emulator.GeminiBaseUrl };
        var key = "key=" + emulator.ApiKey;
        var data = Encoding.UTF8.GetBytes("{\"key\":\"a\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}}\n");

        using var start = new HttpRequestMessage(HttpMethod.Post, "upload/v1beta/files?" + key) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        start.Headers.Add("X-Goog-Upload-Protocol", "resumable");
        start.Headers.Add("X-Goog-Upload-Command", "start");
        using var started = await http.SendAsync(start, Ct);
        var url = started.Headers.GetValues("X-Goog-Upload-URL").Single() + "&" + key;
        var half = data.Length / 2;
        using var first = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(data[..half]) };
        first.Headers.Add("X-Goog-Upload-Command", "upload");
        first.Headers.Add("X-Goog-Upload-Offset", "0");
        using var firstResponse = await http.SendAsync(first, Ct);
        using var last = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(data[half..]) };
        last.Headers.Add("X-Goog-Upload-Command", "upload, finalize");
        last.Headers.Add("X-Goog-Upload-Offset", half.ToString());
        using var lastResponse = await http.SendAsync(last, Ct);
        var file = (await ReadNodeAsync(lastResponse))!["file"]!;
        var (status, got) = await GetJsonAsync(http, $"v1beta/{file["name"]}?{key}");

        Assert.Equal("active", firstResponse.Headers.GetValues("x-goog-upload-status").Single());
        Assert.Equal("final", lastResponse.Headers.GetValues("x-goog-upload-status").Single());
        Assert.Equal(data.Length.ToString(), file["sizeBytes"]!.GetValue<string>());
        Assert.Equal(200, status);
        Assert.Equal("UPLOADED", got!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task GeminiExpiry_StillRunning_ReportsExpiredState()
    {
        var (time, options) = FourHours();
        options.Faults.ExpireAfter = TimeSpan.FromHours(1);
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        using var http = GeminiHttp(emulator);
        var request = new { request = new { contents = new[] { new { parts = new[] { new { text = "x" } } } } } };
        var body = new { batch = new { input_config = new { requests = new { requests = new[] { request } } } } };
        var (_, created) = await PostJsonAsync(http, "v1beta/models/gemini-2.5-flash:batchGenerateContent", body);

        time.Advance(TimeSpan.FromHours(2));
        var (_, got) = await GetJsonAsync(http, "v1beta/" + created!["name"]!.GetValue<string>());

        Assert.Equal("BATCH_STATE_EXPIRED", got!["metadata"]!["state"]!.GetValue<string>());
        Assert.True(got["done"]!.GetValue<bool>());
        Assert.Equal("BATCH_STATE_EXPIRED", emulator.CreatedBatches.Single().Status);
    }
}
