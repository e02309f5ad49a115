using System.Diagnostics;
using Batchata.Emulator;

namespace Batchata.Benchmarks;

/// <summary>N text jobs end to end through the library against the in-process emulator with zero latency.</summary>
internal static class EndToEndBenchmark
{
    public sealed record Outcome(TimeSpan Wall, int Completed, int Batches, double PeakWorkingSetMb, double AllocatedMb, double EmulatorRetainedMb, double PeakHeapMb);

    public static async Task<Outcome> RunAsync(string directory, int jobs, string providers, int? itemsPerBatch)
    {
        var emulator = await BatchEmulator.StartAsync(new EmulatorOptions());
        var poll = TimeSpan.FromMilliseconds(50);
        var models = providers switch
        {
            "all" => new[] { "claude-haiku-5-5", "gpt-6-luna", "gemini-3.8-flash" },
            "openai" => ["gpt-6-luna"],
            "gemini" => ["gemini-3.8-flash"],
            _ => ["claude-haiku-5-5"],
        };
        var batch = new Batch(directory, maxParallelBatches: 10, itemsPerBatch: itemsPerBatch)
            .UseAnthropic(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.AnthropicBaseUrl; o.PollInterval = poll; })
            .UseOpenAI(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.OpenAIBaseUrl; o.PollInterval = poll; })
            .UseGemini(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.GeminiBaseUrl; o.PollInterval = poll; if (Environment.GetEnvironmentVariable("BENCH_GEMINI_FILES") == "1") { o.InlineLimitBytes = 1; } })
            .SetDefaultParams(maxTokens: 100);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < jobs; i++)
        {
            batch.AddJob(prompt: $"Write one short sentence about item {i}.", id: $"job-{i:D7}", model: models[i % models.Length]);
        }

        if (Environment.GetEnvironmentVariable("BENCH_HEAP") == "1")
        {
            Console.WriteLine($"heap after AddJob: {GC.GetTotalMemory(true) / 1048576.0:0} MB");
        }

        var peak = 0L;
        var peakHeap = 0L;
        using var sampler = new Timer(
            _ =>
            {
                peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
            },
            null,
            0,
            50);
        var run = await batch.RunAsync();
        watch.Stop();
        peak = Math.Max(peak, Process.GetCurrentProcess().PeakWorkingSet64);
        var status = run.Status();
        var allocated = (GC.GetTotalAllocatedBytes(false) - allocatedBefore) / 1048576.0;

        // How much of the heap the in-process emulator holds (every request and answer of every batch, as a
        // provider would on its side): the managed heap with it alive, minus the heap once it is gone.
        var withEmulator = GC.GetTotalMemory(forceFullCollection: true);
        await emulator.DisposeAsync();
        emulator = null;
        var withoutEmulator = GC.GetTotalMemory(forceFullCollection: true);
        return new Outcome(watch.Elapsed, status.Completed, status.BatchesTotal, peak / 1048576.0, allocated, Math.Max(0, withEmulator - withoutEmulator) / 1048576.0, peakHeap / 1048576.0);
    }
}
