using System.Net;
using Batchata.Tests.Providers.OpenAI;
using static Batchata.Tests.Providers.OpenAI.OpenAITestJobs;

namespace Batchata.Tests.Providers.Gemini;

public sealed class GeminiBatchProviderTests
{
    private static readonly RetrySettings Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    private static GeminiBatchProvider Provider(FakeHandler handler, long inlineLimit)
        => new(new GeminiOptions { InlineLimitBytes = inlineLimit }, "AIza-test", new Uri("https://gem.test"), new HttpClient(handler), TimeProvider.System, Fast);

    private static BatchSubmission Submission(GeminiBatchProvider provider)
        => new("tag-1", "gemini-2.5-flash", [new EncodedRequest("job-1", provider.EncodeRequest(Job(provider: "gemini"), Gpt41))]);

    [Fact]
    public async Task Inline_PostsBatchGenerateContentWithMetadataKeys()
    {
        var handler = new FakeHandler((request, _, _) =>
        {
            Assert.Equal("AIza-test", request.Headers.GetValues("x-goog-api-key").Single());
            return FakeHandler.Json("""{"name":"batches/b1","metadata":{"state":"BATCH_STATE_PENDING"}}""");
        });
        var provider = Provider(handler, 1 << 20);

        var id = await provider.CreateBatchAsync(Submission(provider), TestContext.Current.CancellationToken);

        Assert.Equal("batches/b1", id);
        var (method, path, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:batchGenerateContent", path);
        Assert.Equal(
            """{"batch":{"display_name":"tag-1","input_config":{"requests":{"requests":[{"request":{"contents":[{"role":"user","parts":[{"text":"Hello"}]}],"generation_config":{"max_output_tokens":256}},"metadata":{"key":"job-1"}}]}}}}""",
            body);
    }

    [Fact]
    public async Task File_ResumableUploadThenCreateWithFileName()
    {
        var handler = new FakeHandler((request, _, _) => request.RequestUri!.AbsolutePath switch
        {
            "/upload/v1beta/files" when request.Headers.GetValues("X-Goog-Upload-Command").Single() == "start" => Start(request),
            "/upload/v1beta/files" => FakeHandler.Json("""{"file":{"name":"files/f1","state":"ACTIVE"}}"""),
            "/v1beta/models/gemini-2.5-flash:batchGenerateContent" => FakeHandler.Json("""{"name":"batches/b2"}"""),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        var provider = Provider(handler, 10);
        var submission = Submission(provider);

        var id = await provider.CreateBatchAsync(submission, TestContext.Current.CancellationToken);

        Assert.Equal("batches/b2", id);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("/upload/v1beta/files?upload_id=abc", handler.Requests[1].Path);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(submission.Requests[0].Line.Span) + "\n", handler.Requests[1].Body);
        Assert.Equal("""{"batch":{"display_name":"tag-1","input_config":{"file_name":"files/f1"}}}""", handler.Requests[2].Body);

        static HttpResponseMessage Start(HttpRequestMessage request)
        {
            Assert.Equal("resumable", request.Headers.GetValues("X-Goog-Upload-Protocol").Single());
            Assert.NotNull(request.Headers.GetValues("X-Goog-Upload-Header-Content-Length").Single());
            var response = FakeHandler.Json("{}");
            // Another host: the provider keeps the path and uses its configured host.
            response.Headers.Add("X-Goog-Upload-URL", "https://elsewhere.test/upload/v1beta/files?upload_id=abc");
            return response;
        }
    }

    [Fact]
    public async Task ReadResults_ResponsesFile_StreamsDownload()
    {
        var handler = new FakeHandler((request, _, _) => request.RequestUri!.AbsolutePath switch
        {
            "/v1beta/batches/b3" => FakeHandler.Json("""{"name":"batches/b3","metadata":{"state":"BATCH_STATE_SUCCEEDED"},"done":true,"response":{"responsesFile":"files/out"}}"""),
            "/download/v1beta/files/out:download" => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"key":"a","response":{"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"STOP"}]}}""" + "\n" + """{"key":"b","error":{"code":503,"message":"busy"}}""" + "\n"),
            },
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        var provider = Provider(handler, 10);

        var results = new List<ProviderResult>();
        await foreach (var r in provider.ReadResultsAsync("batches/b3", TestContext.Current.CancellationToken))
        {
            results.Add(r);
        }

        Assert.Equal(["a", "b"], results.Select(r => r.CustomId));
        Assert.Equal("x", results[0].Text);
        Assert.True(results[1].IsRetryable);
        Assert.Contains(handler.Requests, r => r.Path == "/download/v1beta/files/out:download?alt=media");
    }
}
