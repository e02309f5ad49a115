using System.Net;
using static Batchata.Tests.Providers.OpenAI.OpenAITestJobs;

namespace Batchata.Tests.Providers.OpenAI;

public sealed class OpenAIBatchProviderTests
{
    private static readonly RetrySettings Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    private static OpenAIBatchProvider Provider(FakeHandler handler, OpenAIOptions? options = null)
        => new(options ?? new OpenAIOptions(), "sk-test", new Uri("https://api.test/v1"), new HttpClient(handler), TimeProvider.System, Fast);

    private static BatchSubmission Submission(OpenAIBatchProvider provider)
        => new("tag-1", "gpt-4.1", [new EncodedRequest("job-1", provider.EncodeRequest(Job(), Gpt41)), new EncodedRequest("job-2", provider.EncodeRequest(Job(id: "job-2"), Gpt41))]);

    [Fact]
    public async Task Create_UploadsJsonlThenCreatesWithMetadataAndHeaders()
    {
        var handler = new FakeHandler((request, body, _) =>
        {
            Assert.Equal("Bearer sk-test", request.Headers.Authorization!.ToString());
            Assert.Equal("org-1", request.Headers.GetValues("OpenAI-Organization").Single());
            Assert.Equal("proj-1", request.Headers.GetValues("OpenAI-Project").Single());
            return request.RequestUri!.AbsolutePath switch
            {
                "/v1/files" => FakeHandler.Json("""{"id":"file-1","object":"file"}"""),
                "/v1/batches" => FakeHandler.Json("""{"id":"batch_1","object":"batch","status":"validating"}"""),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            };
        });
        var provider = Provider(handler, new OpenAIOptions { Organization = "org-1", Project = "proj-1" });
        var submission = Submission(provider);

        var id = await provider.CreateBatchAsync(submission, TestContext.Current.CancellationToken);

        Assert.Equal("batch_1", id);
        var upload = handler.Requests[0].Body;
        Assert.Contains("name=purpose", upload, StringComparison.Ordinal);
        Assert.Contains("batchata-tag-1.jsonl", upload, StringComparison.Ordinal);
        var lines = System.Text.Encoding.UTF8.GetString(submission.Requests[0].Line.Span) + "\n" + System.Text.Encoding.UTF8.GetString(submission.Requests[1].Line.Span) + "\n";
        Assert.Contains(lines, upload, StringComparison.Ordinal);
        Assert.Equal(
            """{"input_file_id":"file-1","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":{"batchata_tag":"tag-1","batchata_model":"gpt-4.1"}}""",
            handler.Requests[1].Body);
    }

    [Fact]
    public async Task Create_FailingAfterUpload_LooksUpThenRetriesReusingTheFile()
    {
        var handler = new FakeHandler((request, _, index) => (request.Method.Method, request.RequestUri!.PathAndQuery) switch
        {
            ("POST", "/v1/files") => FakeHandler.Json("""{"id":"file-1"}"""),
            ("POST", "/v1/batches") when index == 0 => FakeHandler.Json("""{"error":{"message":"boom","type":"server_error","param":null,"code":null}}""", HttpStatusCode.InternalServerError),
            ("POST", "/v1/batches") => FakeHandler.Json("""{"id":"batch_2"}"""),
            ("GET", "/v1/batches?limit=100") => FakeHandler.Json("""{"object":"list","data":[{"id":"batch_other","metadata":{"batchata_tag":"other"}}],"has_more":false}"""),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        var provider = Provider(handler);

        var id = await provider.CreateBatchAsync(Submission(provider), TestContext.Current.CancellationToken);

        Assert.Equal("batch_2", id);
        Assert.Equal(1, handler.Count(HttpMethod.Post, "/v1/files"));
        Assert.Equal(2, handler.Count(HttpMethod.Post, "/v1/batches"));
        Assert.Equal(1, handler.Count(HttpMethod.Get, "/v1/batches?limit=100"));
    }

    [Fact]
    public async Task Create_AmbiguousFailure_AdoptsTheBatchFoundByTag()
    {
        var handler = new FakeHandler((request, _, _) => (request.Method.Method, request.RequestUri!.PathAndQuery) switch
        {
            ("POST", "/v1/files") => FakeHandler.Json("""{"id":"file-1"}"""),
            ("POST", "/v1/batches") => new HttpResponseMessage(HttpStatusCode.BadGateway),
            ("GET", "/v1/batches?limit=100") => FakeHandler.Json("""{"object":"list","data":[{"id":"batch_9","metadata":{"batchata_tag":"tag-1"}}]}"""),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        var provider = Provider(handler);

        var id = await provider.CreateBatchAsync(Submission(provider), TestContext.Current.CancellationToken);

        Assert.Equal("batch_9", id);
        Assert.Equal(1, handler.Count(HttpMethod.Post, "/v1/batches"));
    }

    [Fact]
    public async Task ReadResults_BrokenStream_RedownloadsWithoutDuplicates_ThenErrorFile()
    {
        const string a = """{"custom_id":"a","response":{"status_code":200,"body":{"choices":[{"message":{"content":"A"},"finish_reason":"stop"}]}}}""";
        const string b = """{"custom_id":"b","response":{"status_code":200,"body":{"choices":[{"message":{"content":"B"},"finish_reason":"stop"}]}}}""";
        const string c = """{"custom_id":"c","response":{"status_code":400,"body":{"error":{"message":"bad","type":"invalid_request_error","param":null,"code":"x"}}}}""";
        var handler = new FakeHandler((request, _, index) => request.RequestUri!.AbsolutePath switch
        {
            "/v1/batches/batch_1" => FakeHandler.Json("""{"id":"batch_1","status":"completed","output_file_id":"file-out","error_file_id":"file-err"}"""),
            "/v1/files/file-out/content" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(index == 0 ? a + "\n" + b[..20] : a + "\n" + b + "\n") },
            "/v1/files/file-err/content" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(c + "\n") },
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        var provider = Provider(handler);

        var results = new List<ProviderResult>();
        await foreach (var r in provider.ReadResultsAsync("batch_1", TestContext.Current.CancellationToken))
        {
            results.Add(r);
        }

        Assert.Equal(["a", "b", "c"], results.Select(r => r.CustomId));
        Assert.Equal(ProviderResultKind.Errored, results[2].Kind);
        Assert.Equal(2, handler.Count(HttpMethod.Get, "/v1/files/file-out/content"));
    }

    [Fact]
    public async Task Cancel_PostsCancel()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Json("""{"id":"batch_1","status":"cancelling"}"""));
        await Provider(handler).CancelBatchAsync("batch_1", TestContext.Current.CancellationToken);
        Assert.Equal(1, handler.Count(HttpMethod.Post, "/v1/batches/batch_1/cancel"));
    }
}
