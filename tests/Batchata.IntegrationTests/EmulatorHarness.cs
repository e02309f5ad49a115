using Batchata.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace Batchata.IntegrationTests;

/// <summary>An in-process emulator on 127.0.0.1 plus a results directory, and batches pointed at both.</summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    private EmulatorHarness(BatchEmulator emulator, FakeTimeProvider? time, string directory)
    {
        Emulator = emulator;
        Time = time;
        Directory = directory;
    }

    public BatchEmulator Emulator { get; }

    public FakeTimeProvider? Time { get; }

    public string Directory { get; }

    public string ResultsDir => Path.Combine(Directory, "output");

    public static async Task<EmulatorHarness> StartAsync(Action<EmulatorOptions>? configure = null, bool fakeTime = true)
    {
        var time = fakeTime ? new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)) : null;
        var options = new EmulatorOptions { TimeProvider = time ?? TimeProvider.System };
        configure?.Invoke(options);
        var emulator = await BatchEmulator.StartAsync(options, TestContext.Current.CancellationToken);
        var directory = Path.Combine(Path.GetTempPath(), "batchata-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new EmulatorHarness(emulator, time, directory);
    }

    /// <summary>A batch against the emulator for all three providers, with fast polling and short retries.</summary>
    public Batch NewBatch(int maxParallelBatches = 10, int? itemsPerBatch = null, string? resultsDir = null)
    {
        var poll = TimeSpan.FromSeconds(1);
        var batch = new Batch(resultsDir ?? ResultsDir, maxParallelBatches, itemsPerBatch)
            .UseAnthropic(o => { o.ApiKey = Emulator.ApiKey; o.BaseUrl = Emulator.AnthropicBaseUrl; o.PollInterval = poll; })
            .UseOpenAI(o => { o.ApiKey = Emulator.ApiKey; o.BaseUrl = Emulator.OpenAIBaseUrl; o.PollInterval = poll; })
            .UseGemini(o => { o.ApiKey = Emulator.ApiKey; o.BaseUrl = Emulator.GeminiBaseUrl; o.PollInterval = poll; });
        batch.Retry = new RetrySettings { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };
        batch.DotEnvPath = Path.Combine(Directory, ".env");
        batch.EnvironmentVariables = _ => null;
        if (Time is not null)
        {
            batch.SetTimeProvider(Time);
        }

        return batch;
    }

    /// <summary>Runs with the fake clock pumped forward (1 s of fake time every 5 ms).</summary>
    public async Task<BatchRun> RunAsync(Batch batch, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (Time is null)
        {
            return await batch.RunAsync(progress, cancellationToken: cancellationToken);
        }

        await using var pump = new ClockPump(Time, TimeSpan.FromSeconds(1));
        return await batch.RunAsync(progress, cancellationToken: cancellationToken);
    }

    public string[] ResultFiles() => System.IO.Directory.Exists(ResultsDir)
        ? System.IO.Directory.GetFiles(ResultsDir, "*.json")
        : [];

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
