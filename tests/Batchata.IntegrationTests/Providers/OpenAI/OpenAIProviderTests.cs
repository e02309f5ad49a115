using Batchata.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace Batchata.IntegrationTests.Providers.OpenAI;

/// <summary>The OpenAI provider over real HTTP against the in-process emulator.</summary>
public sealed class OpenAIProviderTests
{
    private static readonly RetrySettings FastRetry = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };

    private static readonly ModelInfo Model = new()
    {
        Id = "gpt-4.1-mini",
        Provider = "openai",
        Capabilities = new ModelCapabilities { Vision = true, Pdf = true, StructuredOutput = true, Temperature = true },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OpenAIBatchProvider Provider(BatchEmulator emulator, string? key = null, HttpClient? http = null)
        => new(new OpenAIOptions(), key ?? emulator.ApiKey, emulator.OpenAIBaseUrl, http ?? new HttpClient(), TimeProvider.System, FastRetry);

    [Fact]
    public async Task UploadCreatePollResults()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator);
        var submission = ProviderTestKit.Submission(provider, Model, "run1-0", "one", "two", "three");

        var id = await provider.CreateBatchAsync(submission, Ct);
        var state = await ProviderTestKit.WaitAsync(provider, id);
        var results = await ProviderTestKit.ResultsAsync(provider, id);

        Assert.Equal("completed", state.RawStatus);
        Assert.True(state.ResultsAvailable);
        Assert.Equal(3, state.Total);
        Assert.Equal(["job-0", "job-1", "job-2"], results.Select(r => r.CustomId).Order());
        Assert.All(results, r => Assert.Equal(ProviderResultKind.Succeeded, r.Kind));
        Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.Text)));
        Assert.All(results, r => Assert.True(r.Usage.InputTokens > 0));
        Assert.Equal(id, await provider.FindBatchAsync(submission, DateTimeOffset.UtcNow.AddMinutes(-5), Ct));
        Assert.Null(await provider.FindBatchAsync(submission with { KnownBatchIds = new HashSet<string> { id } }, DateTimeOffset.UtcNow.AddMinutes(-5), Ct));
        Assert.Null(await provider.FindBatchAsync(submission with { Tag = "other" }, DateTimeOffset.UtcNow.AddMinutes(-5), Ct));
        Assert.Single(emulator.CreatedBatches);
    }

    [Fact]
    public async Task PerRequestFailures_ComeFromErrorFile()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator);
        var submission = ProviderTestKit.Submission(provider, Model, "run2-0", "fine", "[[emulator:error=invalid_request_error]]", "[[emulator:error=server_error]]");

        var id = await provider.CreateBatchAsync(submission, Ct);
        await ProviderTestKit.WaitAsync(provider, id);
        var results = (await ProviderTestKit.ResultsAsync(provider, id)).ToDictionary(r => r.CustomId);

        Assert.Equal(ProviderResultKind.Succeeded, results["job-0"].Kind);
        Assert.Equal(ProviderResultKind.Errored, results["job-1"].Kind);
        Assert.False(results["job-1"].IsRetryable);
        Assert.NotNull(results["job-1"].ErrorMessage);
        Assert.Equal(ProviderResultKind.Errored, results["job-2"].Kind);
        Assert.True(results["job-2"].IsRetryable);
    }

    [Fact]
    public async Task ExpiredBatch_KeepsFinishedAndExpiresTheRest()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new EmulatorOptions { TimeProvider = time, ProcessingLatency = TimeSpan.FromHours(4), Faults = { ExpireAfter = TimeSpan.FromHours(1) } };
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        var provider = Provider(emulator);
        var id = await provider.CreateBatchAsync(ProviderTestKit.Submission(provider, Model, "run3-0", "a", "b", "c", "d"), Ct);

        time.Advance(TimeSpan.FromHours(2));
        var state = await ProviderTestKit.WaitAsync(provider, id);
        var results = await ProviderTestKit.ResultsAsync(provider, id);

        Assert.Equal("expired", state.RawStatus);
        Assert.True(state.ResultsAvailable);
        Assert.Equal(4, results.Count);
        Assert.Single(results, r => r.Kind == ProviderResultKind.Succeeded);
        Assert.Equal(3, results.Count(r => r.Kind == ProviderResultKind.Expired && r.IsRetryable));
    }

    [Fact]
    public async Task Cancel_EndsCancelledWithCanceledRequests()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromHours(1) }, Ct);
        var provider = Provider(emulator);
        var id = await provider.CreateBatchAsync(ProviderTestKit.Submission(provider, Model, "run4-0", "a", "b"), Ct);

        await provider.CancelBatchAsync(id, Ct);
        await provider.CancelBatchAsync(id, Ct);
        var state = await ProviderTestKit.WaitAsync(provider, id);
        var results = await ProviderTestKit.ResultsAsync(provider, id);

        Assert.Equal("cancelled", state.RawStatus);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(ProviderResultKind.Canceled, r.Kind));
    }

    [Fact]
    public async Task WrongKey_Gives401WithoutTheKey()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator, key: "sk-wrong-secret-123");

        var ex = await Assert.ThrowsAsync<ProviderException>(() => provider.CreateBatchAsync(ProviderTestKit.Submission(provider, Model, "run5-0", "a"), Ct));

        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("API key", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-secret-123", ex.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.CreatedBatches);
    }

    [Fact]
    public async Task TransientFaults_RiddenThrough_NoDuplicateBatches()
    {
        var options = new EmulatorOptions { Faults = { TransientFailureRate = 0.3, TruncateResultStreams = true } };
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        var provider = Provider(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var id = await provider.CreateBatchAsync(ProviderTestKit.Submission(provider, Model, $"run6-{i}", "a", "b", "c"), Ct);
            ids.Add(id);
            await ProviderTestKit.WaitAsync(provider, id);
            var results = await ProviderTestKit.ResultsAsync(provider, id);
            Assert.Equal(3, results.Select(r => r.CustomId).Distinct().Count());
            Assert.Equal(3, results.Count);
        }

        Assert.Equal(4, emulator.CreatedBatches.Count);
        Assert.Equal(ids.Order(), emulator.CreatedBatches.Select(b => b.Id).Order());
    }
}
