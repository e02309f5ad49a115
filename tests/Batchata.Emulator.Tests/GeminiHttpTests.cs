using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

public sealed class GeminiHttpTests
{
    internal static object Inline(params string[] prompts) => new
    {
        batch = new
        {
            display_name = "job-1",
            input_config = new
            {
                requests = new
                {
                    requests = prompts.Select((p, i) => new
                    {
                        request = new { contents = new[] { new { role = "user", parts = new[] { new { text = p } } } } },
                        metadata = new { key = $"k{i}" },
                    }).ToArray(),
                },
            },
        },
    };

    [Fact]
    public async Task Create_InlineRequests_ReturnsDoublyNestedResponsesInInputOrder()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = GeminiHttp(emulator);

        var (status, created) = await PostJsonAsync(http, "v1beta/models/gemini-2.5-flash:batchGenerateContent", Inline("one two", "three [[emulator:error=UNAVAILABLE]]", "five six"));
        var (_, got) = await GetJsonAsync(http, "v1beta/" + created!["name"]!.GetValue<string>());

        Assert.Equal(200, status);
        Assert.Equal("BATCH_STATE_SUCCEEDED", got!["metadata"]!["state"]!.GetValue<string>());
        Assert.True(got["done"]!.GetValue<bool>());
        Assert.Equal("3", got["metadata"]!["batchStats"]!["requestCount"]!.GetValue<string>());
        Assert.Equal("1", got["metadata"]!["batchStats"]!["failedRequestCount"]!.GetValue<string>());
        var items = got["response"]!["inlinedResponses"]!["inlinedResponses"]!.AsArray();
        Assert.Equal(["k0", "k1", "k2"], items.Select(i => i!["metadata"]!["key"]!.GetValue<string>()));
        Assert.StartsWith("Emulated answer: one two", items[0]!["response"]!["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(503, items[1]!["error"]!["code"]!.GetValue<int>());
        Assert.NotNull(got["metadata"]!["output"]!["inlinedResponses"]);
        Assert.True(items[0]!["response"]!["usageMetadata"]!["promptTokenCount"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Create_FileInput_WritesResultsFileDownloadableOnBothPaths()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = GeminiHttp(emulator);
        var jsonl = "{\"key\":\"a\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"hello there\"}]}]}}\n{\"key\":\"b\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"bye now\"}]}]}}\n";

        using var start = new HttpRequestMessage(HttpMethod.Post, "upload/v1beta/files") { Content = new StringContent("{\"file\":{\"display_name\":\"in\"}}", Encoding.UTF8, "application/json") };
        start.Headers.Add("X-Goog-Upload-Protocol", "resumable");
        start.Headers.Add("X-Goog-Upload-Command", "start");
        start.Headers.Add("X-Goog-Upload-Header-Content-Length", Encoding.UTF8.GetByteCount(jsonl).ToString());
        start.Headers.Add("X-Goog-Upload-Header-Content-Type", "application/jsonl");
        using var started = await http.SendAsync(start, Ct);
        var uploadUrl = started.Headers.GetValues("X-Goog-Upload-URL").Single();
        using var upload = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(jsonl)) };
        upload.Headers.Add("X-Goog-Upload-Command", "upload, finalize");
        upload.Headers.Add("X-Goog-Upload-Offset", "0");
        using var uploaded = await http.SendAsync(upload, Ct);
        var file = (await ReadNodeAsync(uploaded))!["file"]!;
        var (_, created) = await PostJsonAsync(http, "v1beta/models/gemini-2.5-flash:batchGenerateContent", new { batch = new { input_config = new { file_name = file["name"]!.GetValue<string>() } } });
        var (_, got) = await GetJsonAsync(http, "v1beta/" + created!["name"]!.GetValue<string>());
        var responsesFile = got!["response"]!["responsesFile"]!.GetValue<string>();
        var viaDownload = await GetLinesAsync(http, $"download/v1beta/{responsesFile}:download?alt=media");
        var viaApi = await GetLinesAsync(http, $"v1beta/{responsesFile}:download?alt=media");
        using var inputDownload = await http.GetAsync($"v1beta/{file["name"]}:download?alt=media", Ct);

        Assert.Equal("final", uploaded.Headers.GetValues("x-goog-upload-status").Single());
        Assert.Equal("ACTIVE", file["state"]!.GetValue<string>());
        Assert.Equal(["a", "b"], viaDownload.Select(l => l["key"]!.GetValue<string>()));
        Assert.Equal(viaDownload.Select(l => l.ToJsonString()), viaApi.Select(l => l.ToJsonString()));
        Assert.NotNull(viaDownload[0]["response"]!["candidates"]);
        Assert.Equal(400, (int)inputDownload.StatusCode);
    }

    [Fact]
    public async Task Get_AdvancingFakeTime_WalksPendingRunningSucceeded()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromMinutes(10) }, Ct);
        using var http = GeminiHttp(emulator);
        var (_, created) = await PostJsonAsync(http, "v1beta/models/gemini-2.5-flash:batchGenerateContent", Inline("a", "b"));
        var path = "v1beta/" + created!["name"]!.GetValue<string>();
        var states = new List<string>();

        foreach (var minutes in new[] { 0, 5, 5 })
        {
            time.Advance(TimeSpan.FromMinutes(minutes));
            var (_, got) = await GetJsonAsync(http, path);
            states.Add(got!["metadata"]!["state"]!.GetValue<string>());
        }

        Assert.Equal(["BATCH_STATE_PENDING", "BATCH_STATE_RUNNING", "BATCH_STATE_SUCCEEDED"], states);
    }

    [Fact]
    public async Task Cancel_RunningBatch_ReturnsEmptyObjectAndCancelledState()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromHours(1) }, Ct);
        using var http = GeminiHttp(emulator);
        var (_, created) = await PostJsonAsync(http, "v1beta/models/gemini-2.5-flash:batchGenerateContent", Inline("a"));
        var name = created!["name"]!.GetValue<string>();

        var (status, body) = await PostJsonAsync(http, $"v1beta/{name}:cancel", new { });
        var (_, got) = await GetJsonAsync(http, "v1beta/" + name);
        var (_, list) = await GetJsonAsync(http, "v1beta/batches");

        Assert.Equal(200, status);
        Assert.Equal("{}", body!.ToJsonString());
        Assert.Equal("BATCH_STATE_CANCELLED", got!["metadata"]!["state"]!.GetValue<string>());
        Assert.Single(list!["operations"]!.AsArray());
    }

    [Fact]
    public async Task Request_WrongKey_Returns400ApiKeyInvalid()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = GeminiHttp(emulator, "bad");

        var (status, body) = await GetJsonAsync(http, "v1beta/batches");

        Assert.Equal(400, status);
        Assert.Equal("INVALID_ARGUMENT", body!["error"]!["status"]!.GetValue<string>());
        Assert.Equal("API key not valid. Please pass a valid API key.", body["error"]!["message"]!.GetValue<string>());
        Assert.Equal("API_KEY_INVALID", body["error"]!["details"]![0]!["reason"]!.GetValue<string>());
        Assert.DoesNotContain("bad", body.ToJsonString());
    }
}
