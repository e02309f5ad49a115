using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Batchata.IntegrationTests.Hosting;

/// <summary>Issue 17: logging the .NET way: categories per component, event ids, and the factory's own filters decide.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Run_FactoryAtTrace_ShowsDebugWithoutSetVerbosity()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var capture = new CaptureProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        await using var batch = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5").SetLoggerFactory(factory);
        batch.AddJob(prompt: "hello", id: "a");

        await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(batch.Verbosity);
        Assert.Contains(capture.Entries, e => e is { Category: "Batchata.Engine", Level: LogLevel.Debug, EventId: 1012 });
        Assert.Contains(capture.Entries, e => e is { Category: "Batchata.Engine", Level: LogLevel.Information, EventId: 1010 } && e.Message.Contains("anthropic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_FactoryFilterPerCategory_IsHonoured()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var capture = new CaptureProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddFilter("Batchata.Engine", LogLevel.Warning).AddProvider(capture));
        await using var batch = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5").SetLoggerFactory(factory);
        batch.AddJob(prompt: "hello", id: "a");
        batch.AddJob(prompt: "old model", id: "b", model: "claude-opus-4-5");

        await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(capture.Entries, e => e.Category == "Batchata.Engine" && e.Level < LogLevel.Warning);
        var deprecation = Assert.Single(capture.Entries, e => e.Category == "Batchata.Jobs");
        Assert.Equal((LogLevel.Warning, 1100), (deprecation.Level, deprecation.EventId));
        Assert.Contains("deprecated", deprecation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetVerbosity_AddsAFloorOnTopOfTheFactory()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var capture = new CaptureProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        await using var batch = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5").SetLoggerFactory(factory).SetVerbosity("warn");
        batch.AddJob(prompt: "hello", id: "a");
        batch.AddJob(prompt: "old model", id: "b", model: "claude-opus-4-5");

        await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(LogLevel.Warning, batch.Verbosity);
        Assert.NotEmpty(capture.Entries);
        Assert.All(capture.Entries, e => Assert.True(e.Level >= LogLevel.Warning, $"{e.Level} {e.Category}: {e.Message}"));
    }

    [Fact]
    public async Task Run_WithoutFactory_AttentionWarningsReachTheRun()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await using var batch = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 1000).AddCostLimit(0.000001m);
        batch.AddJob(prompt: "old model", id: "old", model: "claude-opus-4-5");
        batch.AddJob(prompt: "hello", id: "a");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(run.Warnings, w => w.Contains("Job old", StringComparison.Ordinal) && w.Contains("deprecated", StringComparison.Ordinal));
        Assert.Contains(run.Warnings, w => w.Contains("2 job(s)", StringComparison.Ordinal) && w.Contains("cost limit", StringComparison.Ordinal));
    }

    private sealed record Entry(string Category, LogLevel Level, int EventId, string Message);

    private sealed class CaptureProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CaptureProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Entries.Enqueue(new Entry(category, logLevel, eventId.Id, formatter(state, exception)));
        }
    }
}
