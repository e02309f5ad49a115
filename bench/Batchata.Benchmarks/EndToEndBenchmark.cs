using System.Diagnostics;
using Batchata.Emulator;

namespace Batchata.Benchmarks;

/// <summary>N text jobs end to end through the library against the in-process emulator with zero latency.</summary>
internal static class EndToEndBenchmark
{
    public sealed record Outcome(TimeSpan Wall, int Completed, int Batches, double PeakWorkingSetMb, double AllocatedMb);

    public static async Task<Outcome> RunAsync(string directory, int jobs, string providers)
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions());
        var poll = TimeSpan.FromMilliseconds(50);
        var models = providers == "all" ? new[] { "claude-haiku-5-5", "gpt-6-luna", "gemini-2.5-flash" } : ["claude-haiku-5-5"];
        var batch = new Batch(directory, maxParallelBatches: 10)
            .UseAnthropic(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.AnthropicBaseUrl; o.PollInterval = poll; })
            .UseOpenAI(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.OpenAIBaseUrl; o.PollInterval = poll; })
            .UseGemini(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.GeminiBaseUrl; o.PollInterval = poll; })
            .SetDefaultParams(maxTokens: 100);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < jobs; i++)
        {
            batch.AddJob(prompt: $"Write one short sentence about item {i}.", id: $"job-{i:D7}", model: models[i % models.Length]);
        }

        var peak = 0L;
        using var sampler = new Timer(_ => peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64), null, 0, 50);
        var run = await batch.RunAsync();
        watch.Stop();
        peak = Math.Max(peak, Process.GetCurrentProcess().PeakWorkingSet64);
        var status = run.Status();
        return new Outcome(watch.Elapsed, status.Completed, status.BatchesTotal, peak / 1048576.0, (GC.GetTotalAllocatedBytes(false) - allocatedBefore) / 1048576.0);
    }
}
