using System.Collections.Concurrent;
using Batchata.Emulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Batchata.IntegrationTests.Hosting;

/// <summary>Issue 17: <c>AddBatchata</c> binds options from configuration and uses the application's IHttpClientFactory clients.</summary>
public sealed class HostingTests
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddBatchata_BindsOptionsFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Batchata:ResultsDir"] = _dir,
            ["Batchata:MaxParallelBatches"] = "3",
            ["Batchata:ItemsPerBatch"] = "50",
            ["Batchata:CostLimitUsd"] = "2.5",
            ["Batchata:TimeLimit"] = "00:20:00",
            ["Batchata:DefaultModel"] = "claude-haiku-5-5",
            ["Batchata:DefaultMaxTokens"] = "300",
            ["Batchata:Anthropic:ApiKey"] = "key-from-config",
            ["Batchata:Anthropic:BaseUrl"] = "http://127.0.0.1:9/",
            ["Batchata:OpenAI:PollInterval"] = "00:00:05",
        }).Build();
        using var services = new ServiceCollection().AddBatchata(configuration.GetSection("Batchata"), o => o.Gemini.ApiKey = "key-from-code").BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<BatchataOptions>>().Value;
        Assert.Equal(_dir, options.ResultsDir);
        Assert.Equal(3, options.MaxParallelBatches);
        Assert.Equal(50, options.ItemsPerBatch);
        Assert.Equal(2.5m, options.CostLimitUsd);
        Assert.Equal(TimeSpan.FromMinutes(20), options.TimeLimit);
        Assert.Equal("claude-haiku-5-5", options.DefaultModel);
        Assert.Equal(300, options.DefaultMaxTokens);
        Assert.Equal("key-from-config", options.Anthropic.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:9/"), options.Anthropic.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.OpenAI.PollInterval);
        Assert.Equal("key-from-code", options.Gemini.ApiKey);

        await using var batch = services.GetRequiredService<IBatchFactory>().Create();
        Assert.Equal(Path.GetFullPath(_dir), batch.ResultsDir);
        Assert.Equal(3, batch.MaxParallelBatches);
        Assert.Equal(50, batch.ItemsPerBatch);
        Assert.Equal(2.5m, batch.CostLimitUsd);
        Assert.Equal(TimeSpan.FromMinutes(20), batch.TimeLimit);
        batch.AddJob(prompt: "hello", id: "a");
        Assert.Equal("claude-haiku-5-5", Assert.Single(batch.JobsForTesting).Model);
    }

    [Fact]
    public async Task AddBatchata_UsesTheApplicationsHttpMessageHandler()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: ct);
        var settings = new Dictionary<string, string?>(emulator.BatchataSettings(pollInterval: TimeSpan.FromMilliseconds(50))) { ["Batchata:ResultsDir"] = _dir };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var seen = new ConcurrentQueue<string>();
        var serviceCollection = new ServiceCollection().AddBatchata(configuration.GetSection("Batchata"));
        serviceCollection.AddHttpClient(BatchataHttpClients.Anthropic).AddHttpMessageHandler(() => new RecordingHandler(seen));
        using var services = serviceCollection.BuildServiceProvider();
        await using var batch = services.GetRequiredService<IBatchFactory>().Create();
        batch.AddJob(prompt: "hello", id: "a", model: "claude-haiku-5-5");

        var run = await batch.RunAsync(cancellationToken: ct);

        Assert.Equal(1, run.Status().Completed);
        Assert.Contains("POST /v1/messages/batches", seen);
        Assert.Contains(seen, s => s.StartsWith("GET /v1/messages/batches/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseEmulator_PointsAPlainBatchAtTheInProcessEmulator()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: ct);
        await using var batch = new Batch(_dir).UseEmulator(emulator.BaseUrl, emulator.ApiKey, TimeSpan.FromMilliseconds(50));
        batch.AddJob(prompt: "hello", id: "a", model: "claude-haiku-5-5");
        batch.AddJob(prompt: "hello", id: "b", model: "gpt-6-luna");
        batch.AddJob(prompt: "hello", id: "c", model: "gemini-3.8-flash");

        var run = await batch.RunAsync(cancellationToken: ct);

        Assert.Equal(3, run.Status().Completed);
        Assert.Equal(3, emulator.CreatedBatches.Count);
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
