using Batchata.Emulator;

namespace Batchata.IntegrationTests.Providers.Gemini;

/// <summary>The Gemini provider over real HTTP against the in-process emulator.</summary>
public sealed class GeminiProviderTests
{
    private static readonly RetrySettings FastRetry = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };

    private static readonly ModelInfo Model = new()
    {
        Id = "gemini-2.5-flash",
        Provider = "gemini",
        Capabilities = new ModelCapabilities { Vision = true, Pdf = true, StructuredOutput = true, Temperature = true },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GeminiBatchProvider Provider(BatchEmulator emulator, string? key = null, long inlineLimit = 19L * 1024 * 1024)
        => new(new GeminiOptions { InlineLimitBytes = inlineLimit }, key ?? emulator.ApiKey, emulator.GeminiBaseUrl, new HttpClient(), TimeProvider.System, FastRetry);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreatePollResults_InlineOrFile(bool file)
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator, inlineLimit: file ? 10 : 19L * 1024 * 1024);
        var submission = ProviderTestKit.Submission(provider, Model, $"run1-{file}", "one", "two", "three");

        var id = await provider.CreateBatchAsync(submission, Ct);
        var state = await ProviderTestKit.WaitAsync(provider, id);
        var results = await ProviderTestKit.ResultsAsync(provider, id);

        Assert.StartsWith("batches/", id, StringComparison.Ordinal);
        Assert.Equal("BATCH_STATE_SUCCEEDED", state.RawStatus);
        Assert.True(state.ResultsAvailable);
        Assert.Equal(3, state.Total);
        Assert.Equal(["job-0", "job-1", "job-2"], results.Select(r => r.CustomId).Order());
        Assert.All(results, r => Assert.Equal(ProviderResultKind.Succeeded, r.Kind));
        Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.Text)));
        Assert.All(results, r => Assert.True(r.Usage.InputTokens > 0));
        Assert.Equal(id, await provider.FindBatchAsync(submission, DateTimeOffset.UtcNow.AddMinutes(-5), Ct));
        Assert.Null(await provider.FindBatchAsync(submission with { KnownBatchIds = new HashSet<string> { id } }, DateTimeOffset.UtcNow.AddMinutes(-5), Ct));
        Assert.Single(emulator.CreatedBatches);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FailedRequests_MappedPerJob(bool file)
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator, inlineLimit: file ? 10 : 19L * 1024 * 1024);
        var id = await provider.CreateBatchAsync(ProviderTestKit.Submission(provider, Model, $"run2-{file}", "fine", "x [[emulator:error=UNAVAILABLE]]", "y [[emulator:error=INVALID_ARGUMENT]]"), Ct);
        await ProviderTestKit.WaitAsync(provider, id);
        var results = (await ProviderTestKit.ResultsAsync(provider, id)).ToDictionary(r => r.CustomId);

        Assert.Equal(ProviderResultKind.Succeeded, results["job-0"].Kind);
        Assert.Equal(ProviderResultKind.Errored, results["job-1"].Kind);
        Assert.True(results["job-1"].IsRetryable);
        Assert.Equal(ProviderResultKind.Errored, results["job-2"].Kind);
        Assert.False(results["job-2"].IsRetryable);
        Assert.NotNull(results["job-2"].ErrorMessage);
    }

    [Fact]
    public async Task Cancel_EndsCancelled()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromHours(1) }, Ct);
        var provider = Provider(emulator);
        var id = await provider.CreateBatchAsync(ProviderTestKit.Submission(provider, Model, "run3", "a", "b"), Ct);

        await provider.CancelBatchAsync(id, Ct);
        var state = await ProviderTestKit.WaitAsync(provider, id);
        var results = await ProviderTestKit.ResultsAsync(provider, id);

        Assert.Equal("BATCH_STATE_CANCELLED", state.RawStatus);
        Assert.DoesNotContain(results, r => r.Kind == ProviderResultKind.Succeeded);
    }

    [Fact]
    public async Task WrongKey_ClearErrorWithoutTheKey()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator, key: "AIza-wrong-secret-456");

        var ex = await Assert.ThrowsAsync<ProviderException>(() => provider.CreateBatchAsync(ProviderTestKit.Submission(provider, Model, "run4", "a"), Ct));

        Assert.Contains("API key", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AIza-wrong-secret-456", ex.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.CreatedBatches);
    }

    [Fact]
    public async Task TransientFaults_RiddenThrough_NoDuplicateBatches()
    {
        var options = new EmulatorOptions { Faults = { TransientFailureRate = 0.3, TruncateResultStreams = true } };
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var provider = Provider(emulator, inlineLimit: i % 2 == 0 ? 10 : 19L * 1024 * 1024);
            var id = await provider.CreateBatchAsync(ProviderTestKit.Submission(provider, Model, $"run5-{i}", "a", "b", "c"), Ct);
            ids.Add(id);
            await ProviderTestKit.WaitAsync(provider, id);
            var results = await ProviderTestKit.ResultsAsync(provider, id);
            Assert.Equal(3, results.Select(r => r.CustomId).Distinct().Count());
            Assert.Equal(3, results.Count);
        }

        Assert.Equal(ids.Select(i => i["batches/".Length..]).Order(), emulator.CreatedBatches.Select(b => b.Id).Order());
    }
}
