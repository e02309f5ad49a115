using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Batchata.Tests.Providers.Anthropic;

public class AnthropicBatchProviderTests
{
    private const string Key = "sk-ant-secret-key";
    private static readonly RetrySettings FastRetry = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 3 };
    private readonly FakeAnthropicHandler _handler = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));

    private AnthropicBatchProvider Provider(AnthropicOptions? options = null)
        => new(options ?? new AnthropicOptions(), Key, new Uri("https://api.example.test"), new HttpClient(_handler), _time, FastRetry);

    private static BatchSubmission Submission(params string[] ids)
        => new("run-1/0", "claude-sonnet-4-6", ids.Select(id => new EncodedRequest(id, Encoding.UTF8.GetBytes("{\"custom_id\":\"" + id + "\",\"params\":{}}"))).ToList());

    private static string Batch(string id, string status, string created = "2026-11-29T06:00:00.000000Z", int processing = 0, int succeeded = 0, int errored = 0, int canceled = 0, int expired = 0)
        => $$"""{"id":"{{id}}","type":"message_batch","processing_status":"{{status}}","request_counts":{"processing":{{processing}},"succeeded":{{succeeded}},"errored":{{errored}},"canceled":{{canceled}},"expired":{{expired}}},"created_at":"{{created}}"}""";

    [Fact]
    public void Properties_MatchAnthropicLimits()
    {
        var provider = Provider(new AnthropicOptions { PollInterval = TimeSpan.FromSeconds(7) });
        Assert.Equal("anthropic", provider.Name);
        Assert.Equal(100_000, provider.Limits.MaxRequests);
        // A full batch of lines plus the envelope and 99,999 commas still fits under 256 MB.
        Assert.True(provider.Limits.MaxBytes + 99_999 + "{\"requests\":[]}".Length <= 256L * 1024 * 1024);
        Assert.True(provider.Limits.MaxBytes > 255L * 1024 * 1024);
        Assert.False(provider.OneModelPerBatch);
        Assert.Equal(TimeSpan.FromSeconds(7), provider.PollInterval);
    }

    [Fact]
    public async Task CreateBatchAsync_PostsEnvelopeWithHeaders()
    {
        _handler.Respond = (_, _) => FakeAnthropicHandler.Json(200, Batch("msgbatch_1", "in_progress", processing: 2));
        var id = await Provider().CreateBatchAsync(Submission("a", "b"), CancellationToken.None);
        Assert.Equal("msgbatch_1", id);
        var (request, body) = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.example.test/v1/messages/batches", request.RequestUri!.AbsoluteUri);
        Assert.Equal("2023-06-01", request.Headers.GetValues("anthropic-version").Single());
        Assert.Equal(Key, request.Headers.GetValues("x-api-key").Single());
        Assert.Null(request.Headers.Authorization);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("""{"requests":[{"custom_id":"a","params":{}},{"custom_id":"b","params":{}}]}""", body);
        Assert.Equal(body!.Length, request.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task CreateBatchAsync_BearerAuth_SendsAuthorizationAndVersion()
    {
        _handler.Respond = (_, _) => FakeAnthropicHandler.Json(200, Batch("msgbatch_1", "in_progress"));
        await Provider(new AnthropicOptions { UseBearerAuth = true, ApiVersion = "2026-10-21" }).CreateBatchAsync(Submission("a"), CancellationToken.None);
        var request = _handler.Requests[0].Request;
        Assert.Equal("Bearer " + Key, request.Headers.GetValues("Authorization").Single());
        Assert.False(request.Headers.Contains("x-api-key"));
        Assert.Equal("2026-10-21", request.Headers.GetValues("anthropic-version").Single());
    }

    [Fact]
    public async Task CreateBatchAsync_ServerErrorButBatchExists_ReconcilesWithoutSecondCreate()
    {
        _handler.Respond = (request, _) => request.Method == HttpMethod.Post
            ? FakeAnthropicHandler.Json(500, """{"type":"error","error":{"type":"api_error","message":"boom"}}""")
            : FakeAnthropicHandler.Json(200, $$"""{"data":[{{Batch("msgbatch_other", "in_progress", processing: 3)}},{{Batch("msgbatch_mine", "in_progress", processing: 2)}}],"has_more":false,"first_id":"msgbatch_other","last_id":"msgbatch_mine"}""");
        var id = await Provider().CreateBatchAsync(Submission("a", "b"), CancellationToken.None);
        Assert.Equal("msgbatch_mine", id);
        Assert.Single(_handler.Requests, r => r.Request.Method == HttpMethod.Post);
        Assert.Contains("limit=100", _handler.Requests[1].Request.RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBatchAsync_AmbiguousFailureWhileAnotherCreateIsInFlight_DoesNotTakeItsBatch()
    {
        var release = new TaskCompletionSource();
        var creates = 0;
        var handler = new DelegatingFake(async (request, body) =>
        {
            if (request.Method == HttpMethod.Post)
            {
                if (Interlocked.Increment(ref creates) == 1)
                {
                    // The first create lands on the server but its answer is slow.
                    await release.Task;
                    return FakeAnthropicHandler.Json(200, Batch("msgbatch_slow", "in_progress", processing: 1));
                }

                // The second create fails without proof of rejection; its retry (after a look-up) succeeds.
                return creates == 2
                    ? FakeAnthropicHandler.Json(500, """{"type":"error","error":{"type":"api_error","message":"boom"}}""")
                    : FakeAnthropicHandler.Json(200, Batch("msgbatch_second", "in_progress", processing: 1));
            }

            return FakeAnthropicHandler.Json(200, $$"""{"data":[{{Batch("msgbatch_slow", "in_progress", processing: 1)}}],"has_more":false}""");
        });
        var provider = new AnthropicBatchProvider(new AnthropicOptions(), Key, new Uri("https://api.example.test"), new HttpClient(handler), TimeProvider.System, FastRetry);
        var first = provider.CreateBatchAsync(Submission("a"), CancellationToken.None);
        var second = provider.CreateBatchAsync(Submission("b"), CancellationToken.None);
        await Task.Delay(50);
        release.SetResult();
        Assert.Equal("msgbatch_slow", await first);
        Assert.Equal("msgbatch_second", await second);
    }

    [Fact]
    public async Task FindBatchAsync_PagesWhileRecentAndSkipsKnownAndOld()
    {
        _handler.Respond = (request, _) => request.RequestUri!.Query.Contains("after_id", StringComparison.Ordinal)
            ? FakeAnthropicHandler.Json(200, $$"""{"data":[{{Batch("msgbatch_3", "in_progress", processing: 2)}},{{Batch("msgbatch_old", "in_progress", "2026-11-28T00:00:00Z", processing: 2)}}],"has_more":true,"first_id":"msgbatch_3","last_id":"msgbatch_old"}""")
            : FakeAnthropicHandler.Json(200, $$"""{"data":[{{Batch("msgbatch_1", "in_progress", processing: 5)}}],"has_more":true,"first_id":"msgbatch_1","last_id":"msgbatch_1"}""");
        var provider = Provider();
        var notBefore = _time.GetUtcNow().AddMinutes(-5);
        Assert.Equal("msgbatch_3", await provider.FindBatchAsync(Submission("a", "b"), notBefore, CancellationToken.None));
        Assert.Contains("after_id=msgbatch_1", _handler.Requests[1].Request.RequestUri!.Query, StringComparison.Ordinal);
        // Already known now: not matched again, and the old page stops the search.
        Assert.Null(await provider.FindBatchAsync(Submission("a", "b"), notBefore, CancellationToken.None));
        Assert.Equal(4, _handler.Requests.Count);
    }

    [Fact]
    public async Task GetBatchAsync_MapsCounts()
    {
        _handler.Respond = (_, _) => FakeAnthropicHandler.Json(200, Batch("msgbatch_1", "ended", succeeded: 5, errored: 2, canceled: 1, expired: 3));
        var state = await Provider().GetBatchAsync("msgbatch_1", CancellationToken.None);
        Assert.Equal(new ProviderBatchState("msgbatch_1", "ended", true, true, null, 11, 11, 5), state);
        Assert.Equal("https://api.example.test/v1/messages/batches/msgbatch_1", _handler.Requests[0].Request.RequestUri!.AbsoluteUri);
    }

    [Theory]
    [InlineData("in_progress")]
    [InlineData("canceling")]
    public async Task GetBatchAsync_Running_NotTerminal(string status)
    {
        _handler.Respond = (_, _) => FakeAnthropicHandler.Json(200, Batch("msgbatch_1", status, processing: 4));
        var state = await Provider().GetBatchAsync("msgbatch_1", CancellationToken.None);
        Assert.False(state.IsTerminal);
        Assert.False(state.ResultsAvailable);
        Assert.Equal(4, state.Total);
        Assert.Equal(0, state.Done);
    }

    [Fact]
    public async Task GetBatchAsync_NotFoundRightAfterCreate_IsInProgress_ThenThrowsLater()
    {
        var provider = Provider();
        _handler.Respond = (_, _) => FakeAnthropicHandler.Json(200, Batch("msgbatch_1", "in_progress", processing: 1));
        await provider.CreateBatchAsync(Submission("a"), CancellationToken.None);
        _handler.Respond = (_, _) => FakeAnthropicHandler.Json(404, """{"type":"error","error":{"type":"not_found_error","message":"nope"}}""");
        var state = await provider.GetBatchAsync("msgbatch_1", CancellationToken.None);
        Assert.False(state.IsTerminal);
        _time.Advance(TimeSpan.FromMinutes(2));
        var ex = await Assert.ThrowsAsync<ProviderException>(() => provider.GetBatchAsync("msgbatch_1", CancellationToken.None));
        Assert.Equal(404, ex.StatusCode);
    }

    [Fact]
    public async Task GetBatchAsync_UnknownBatchNotFound_Throws()
    {
        _handler.Respond = (_, _) => FakeAnthropicHandler.Json(404, """{"type":"error","error":{"type":"not_found_error","message":"nope"}}""");
        await Assert.ThrowsAsync<ProviderException>(() => Provider().GetBatchAsync("msgbatch_x", CancellationToken.None));
    }

    [Fact]
    public async Task CancelBatchAsync_AlreadyEnded_IsFine()
    {
        _handler.Respond = (request, _) => request.Method == HttpMethod.Post
            ? FakeAnthropicHandler.Json(400, """{"type":"error","error":{"type":"invalid_request_error","message":"Batch has already ended."}}""")
            : FakeAnthropicHandler.Json(200, Batch("msgbatch_1", "ended", succeeded: 1));
        await Provider().CancelBatchAsync("msgbatch_1", CancellationToken.None);
        Assert.EndsWith("/v1/messages/batches/msgbatch_1/cancel", _handler.Requests[0].Request.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelBatchAsync_RejectedWhileRunning_Throws()
    {
        _handler.Respond = (request, _) => request.Method == HttpMethod.Post
            ? FakeAnthropicHandler.Json(400, """{"type":"error","error":{"type":"invalid_request_error","message":"no"}}""")
            : FakeAnthropicHandler.Json(200, Batch("msgbatch_1", "in_progress", processing: 1));
        await Assert.ThrowsAsync<ProviderException>(() => Provider().CancelBatchAsync("msgbatch_1", CancellationToken.None));
    }

    [Fact]
    public async Task ReadResultsAsync_CutStream_RedownloadsWithoutDuplicates()
    {
        var lines = new[]
        {
            """{"custom_id":"a","result":{"type":"canceled"}}""",
            """{"custom_id":"b","result":{"type":"expired"}}""",
            """{"custom_id":"c","result":{"type":"canceled"}}""",
        };
        _handler.Respond = (_, call) => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(call == 0 ? lines[0] + "\n" + lines[1] + "\n" + lines[2][..10] : string.Join("\n", lines.Reverse()) + "\n"),
        };
        var results = new List<ProviderResult>();
        await foreach (var result in Provider().ReadResultsAsync("msgbatch_1", CancellationToken.None))
        {
            results.Add(result);
        }

        Assert.Equal(["a", "b", "c"], results.Select(r => r.CustomId).Order().ToArray());
        Assert.Equal(2, _handler.Requests.Count);
        Assert.EndsWith("/v1/messages/batches/msgbatch_1/results", _handler.Requests[0].Request.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadResultsAsync_ConnectionDropsMidStream_RedownloadsWithoutDuplicates()
    {
        const string a = """{"custom_id":"a","result":{"type":"canceled"}}""";
        const string b = """{"custom_id":"b","result":{"type":"canceled"}}""";
        _handler.Respond = (_, call) => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = call == 0
                ? new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(a + "\n" + b[..5])))
                : new StringContent(b + "\n" + a + "\n"),
        };
        var ids = new List<string>();
        await foreach (var result in Provider().ReadResultsAsync("msgbatch_1", CancellationToken.None))
        {
            ids.Add(result.CustomId);
        }

        Assert.Equal(["a", "b"], ids);
    }

    [Fact]
    public async Task ReadResultsAsync_AlwaysBroken_ThrowsAfterRetries()
    {
        _handler.Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"custom_id":"a","res""") };
        await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var unused in Provider().ReadResultsAsync("msgbatch_1", CancellationToken.None))
            {
            }
        });
        Assert.Equal(1 + AnthropicBatchProvider.ResultDownloadRetries, _handler.Requests.Count);
    }

    [Fact]
    public async Task Errors_NeverContainTheKey()
    {
        _handler.Respond = (_, _) => FakeAnthropicHandler.Json(401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""");
        var ex = await Assert.ThrowsAsync<ProviderException>(() => Provider().GetBatchAsync("msgbatch_1", CancellationToken.None));
        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
        Assert.Contains("API key", ex.Message, StringComparison.Ordinal);
    }
}
