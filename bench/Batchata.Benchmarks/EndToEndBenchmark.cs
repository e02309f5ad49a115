using System.Diagnostics;
using Batchata.Emulator;

namespace Batchata.Benchmarks;

/// <summary>N text jobs end to end through the library against the in-process emulator with zero latency.</summary>
internal static class EndToEndBenchmark
{
    public const string ChildMarker = "E2E-OUTCOME ";

    public const string EmulatorMarker = "EMULATOR ";

    public sealed record Outcome(TimeSpan Wall, int Completed, int Batches, double PeakWorkingSetMb, double AllocatedMb, double EmulatorRetainedMb, double PeakHeapMb, double HeapAfterAddJobMb, TimeSpan AddJobs, int Waves = 0, double EmulatorPeakWorkingSetMb = 0, double PeakLiveMb = 0);

    /// <summary>
    /// <c>--serve-emulator</c>: an emulator in this process alone, for <c>--separate-emulator</c> runs. Prints its
    /// root URL and key, then, once its standard input closes, the waves of the batches it created and its own peak
    /// working set, and exits.
    /// </summary>
    public static async Task<int> ServeEmulatorAsync(TimeSpan? latency)
    {
        var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = latency ?? TimeSpan.Zero });
        Console.WriteLine(EmulatorMarker + emulator.BaseUrl.AbsoluteUri + " " + emulator.ApiKey);
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        Console.WriteLine(EmulatorMarker + Waves(emulator.CreatedBatches).ToString(System.Globalization.CultureInfo.InvariantCulture) + " "
            + (Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture));
        await emulator.DisposeAsync();
        return 0;
    }

    /// <summary>Starts this program with <c>--serve-emulator</c> and reads its URL and key.</summary>
    private static async Task<(Process Process, Uri Url, string Key)> StartSeparateEmulatorAsync(TimeSpan? latency)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EndToEndBenchmark).Assembly.Location);
        }

        start.ArgumentList.Add("--serve-emulator");
        if (latency is { } l)
        {
            start.ArgumentList.Add("--latency");
            start.ArgumentList.Add(l.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator process did not start.");
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The emulator process printed nothing.");
        var parts = line[EmulatorMarker.Length..].Split(' ');
        return (process, new Uri(parts[0]), parts[1]);
    }

    /// <summary>
    /// Runs the end-to-end benchmark in a child process (this program with <c>--e2e-child</c>): the state and floor
    /// measurements of this process leave garbage and a grown heap behind, and the peak working set of a process
    /// never goes down, so only a process of its own measures the run's memory as a user's program would see it.
    /// </summary>
    public static async Task<Outcome> RunInChildAsync(IEnumerable<string> args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EndToEndBenchmark).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--e2e-child");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The end-to-end child process did not start.");
        Outcome? outcome = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ChildMarker, StringComparison.Ordinal))
            {
                outcome = System.Text.Json.JsonSerializer.Deserialize<Outcome>(line[ChildMarker.Length..]);

                // The figures are final now, but deleting a large run's result files takes minutes (1M: 10+ minutes on a loaded disk).
                Console.Error.WriteLine("measured (the child now deletes its result files): " + line[ChildMarker.Length..]);
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        await process.WaitForExitAsync();
        return outcome ?? throw new InvalidOperationException($"The end-to-end child process exited with {process.ExitCode} and no result.");
    }

    /// <param name="latency">The emulated batch latency; null for the zero-latency mode (50 ms polls, the local cost).</param>
    /// <param name="adaptivePolling">Poll as a user's run does by default (adaptive) rather than every 50 ms.</param>
    /// <param name="separateEmulator">Run the emulator in a process of its own, so that the peak working set is the library's alone.</param>
    public static async Task<Outcome> RunAsync(string directory, int jobs, string providers, int? itemsPerBatch, TimeSpan? latency = null, bool adaptivePolling = false, bool separateEmulator = false, int? maxJobsInFlight = null)
    {
        BatchEmulator? emulator = null;
        Process? emulatorProcess = null;
        Uri url;
        string key;
        if (separateEmulator)
        {
            (emulatorProcess, url, key) = await StartSeparateEmulatorAsync(latency);
        }
        else
        {
            emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = latency ?? TimeSpan.Zero });
            (url, key) = (emulator.BaseUrl, emulator.ApiKey);
        }

        var openAIUrl = new Uri(url, "v1/");
        TimeSpan? poll = adaptivePolling ? null : TimeSpan.FromMilliseconds(50);
        var models = providers switch
        {
            "mix" => new[] { "claude-haiku-5-5", "claude-haiku-5-5", "gpt-6-luna", "gpt-6-luna", "gemini-3.8-flash" }, // 40% / 40% / 20%
            "all" => new[] { "claude-haiku-5-5", "gpt-6-luna", "gemini-3.8-flash" },
            "openai" => ["gpt-6-luna"],
            "gemini" => ["gemini-3.8-flash"],
            _ => ["claude-haiku-5-5"],
        };
        var batch = new Batch(directory, maxParallelBatches: 10, itemsPerBatch: itemsPerBatch)
            .UseAnthropic(o => { o.ApiKey = key; o.BaseUrl = url; o.PollInterval = poll; })
            .UseOpenAI(o => { o.ApiKey = key; o.BaseUrl = openAIUrl; o.PollInterval = poll; })
            .UseGemini(o => { o.ApiKey = key; o.BaseUrl = url; o.PollInterval = poll; if (Environment.GetEnvironmentVariable("BENCH_GEMINI_FILES") == "1") { o.InlineLimitBytes = 1; } })
            .SetDefaultParams(maxTokens: 100);
        if (maxJobsInFlight is { } limit)
        {
            batch.SetMaxJobsInFlight(limit);
        }

        using var allocationSampler = Environment.GetEnvironmentVariable("BENCH_ALLOC") == "1" ? new AllocationSampler() : null;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < jobs; i++)
        {
            batch.AddJob(prompt: $"Write one short sentence about item {i}.", id: $"job-{i:D7}", model: models[i % models.Length]);
        }

        watch.Stop(); // the forced collection below is a measurement, not part of the run
        var addJobs = watch.Elapsed;
        var heapAfterAddJob = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        watch.Start();

        var peak = 0L;
        var peakHeap = 0L;
        var peakLive = 0L;
        var ticks = 0;
        BatchProgress? latest = null;
        var trace = Environment.GetEnvironmentVariable("BENCH_TRACE") == "1";
        using var sampler = new Timer(
            _ =>
            {
                peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
                var live = LiveSetBytes();
                peakLive = Math.Max(peakLive, live.Bytes);
                if (trace && Interlocked.Increment(ref ticks) % 40 == 0)
                {
                    // BENCH_TRACE=1: every 2 s, where the run is and what it holds (to see which phase the peak is in).
                    var st = latest?.Status;
                    var gc = GC.GetGCMemoryInfo();
                    Console.Error.WriteLine(System.FormattableString.Invariant($"[{watch.Elapsed.TotalSeconds,6:0.0} s] ws {Process.GetCurrentProcess().WorkingSet64 / 1048576} MB, heap {gc.HeapSizeBytes / 1048576} MB, live {live.Bytes / 1048576} MB (gen2 GC #{live.Index}), GC committed {gc.TotalCommittedBytes / 1048576} MB{Generations(gc)}{ResidentParts()}; pending {st?.Pending}, running {st?.Running}, done {st?.Completed + st?.Failed}; batches {st?.BatchesDone}/{st?.BatchesTotal}"));
                }
            },
            null,
            0,
            50);
        var run = await batch.RunAsync(new Progress<BatchProgress>(p => latest = p));
        watch.Stop();
        if (allocationSampler is not null)
        {
            Console.Error.WriteLine(allocationSampler.Report(40));
        }

        peak = Math.Max(peak, Process.GetCurrentProcess().PeakWorkingSet64);
        var status = run.Status();
        var allocated = (GC.GetTotalAllocatedBytes(false) - allocatedBefore) / 1048576.0;
        if (emulatorProcess is not null)
        {
            emulatorProcess.StandardInput.Close();
            var last = "";
            while (await emulatorProcess.StandardOutput.ReadLineAsync() is { } line)
            {
                last = line.StartsWith(EmulatorMarker, StringComparison.Ordinal) ? line[EmulatorMarker.Length..] : last;
            }

            await emulatorProcess.WaitForExitAsync();
            emulatorProcess.Dispose();
            var figures = last.Split(' ');
            return new Outcome(watch.Elapsed, status.Completed, status.BatchesTotal, peak / 1048576.0, allocated, 0, peakHeap / 1048576.0, heapAfterAddJob, addJobs,
                int.Parse(figures[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(figures[1], System.Globalization.CultureInfo.InvariantCulture), peakLive / 1048576.0);
        }

        var waves = Waves(emulator!.CreatedBatches);

        // How much of the heap the in-process emulator holds (every request and answer of every batch, as a
        // provider would on its side): the managed heap with it alive, minus the heap once it is gone.
        // Both readings wait for the heap to settle: memory is still being released for a few seconds after a
        // run (pooled buffers, connections that keep the server's objects reachable until they close).
        var withEmulator = await SettledHeapAsync();
        await emulator.DisposeAsync();
        emulator = null;
        GC.KeepAlive(emulator);
        var withoutEmulator = await SettledHeapAsync();
        return new Outcome(watch.Elapsed, status.Completed, status.BatchesTotal, peak / 1048576.0, allocated, Math.Max(0, withEmulator - withoutEmulator) / 1048576.0, peakHeap / 1048576.0, heapAfterAddJob, addJobs, waves, PeakLiveMb: peakLive / 1048576.0);
    }

    /// <summary>The generations' sizes after the last collection (gen0, gen1, gen2, large, pinned) and gen2's and the large heap's free space.</summary>
    private static string Generations(GCMemoryInfo gc)
    {
        var info = gc.GenerationInfo;
        if (info.Length < 5)
        {
            return "";
        }

        static long Mb(long bytes) => bytes / 1048576;
        return System.FormattableString.Invariant($" [gens {Mb(info[0].SizeAfterBytes)}/{Mb(info[1].SizeAfterBytes)}/{Mb(info[2].SizeAfterBytes)}/LOH {Mb(info[3].SizeAfterBytes)}/POH {Mb(info[4].SizeAfterBytes)}; free gen2 {Mb(info[2].FragmentationAfterBytes)}, LOH {Mb(info[3].FragmentationAfterBytes)}]");
    }

    /// <summary>Linux: the resident set's parts (anonymous, file-backed, shared), to tell the GC's memory from the rest; empty elsewhere.</summary>
    private static string ResidentParts()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return "";
        }

        var parts = File.ReadLines(status).Where(l => l.StartsWith("Rss", StringComparison.Ordinal))
            .Select(l => l.Split(':', 2)).Select(p => $"{p[0][3..].ToLowerInvariant()} {long.Parse(p[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024} MB");
        return " (resident: " + string.Join(", ", parts) + ")";
    }

    /// <summary>
    /// The live set: the bytes that survived the most recent gen2 collection (blocking or background, whichever is
    /// newer), and that collection's index (0 and 0 before the first). Unlike the heap size, this is what the run
    /// holds, not what the GC has not yet collected.
    /// </summary>
    private static (long Bytes, long Index) LiveSetBytes()
    {
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var newer = background.Index > blocking.Index ? background : blocking;
        return (newer.PromotedBytes, newer.Index);
    }

    /// <summary>
    /// The number of waves: latencies paid back to back. A batch created after another one ended is one wave later
    /// than it; batches that ran side by side share a wave. Refused batches (no requests) do not count.
    /// </summary>
    public static int Waves(IReadOnlyList<EmulatedBatch> batches)
    {
        var ran = batches.Where(b => b.RequestCount > 0).OrderBy(b => b.CreatedAt).ToList();
        var depth = new Dictionary<EmulatedBatch, int>();
        foreach (var b in ran)
        {
            depth[b] = 1 + ran.Where(a => depth.ContainsKey(a) && a.EndedAt is { } end && end <= b.CreatedAt).Select(a => depth[a]).DefaultIfEmpty(0).Max();
        }

        return depth.Count == 0 ? 0 : depth.Values.Max();
    }

    /// <summary>The managed heap after full collections, once two readings 250 ms apart differ by under 0.5 MB (at most 5 s).</summary>
    private static async Task<long> SettledHeapAsync()
    {
        var previous = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(250);
            var current = GC.GetTotalMemory(forceFullCollection: true);
            if (Math.Abs(current - previous) < 512 * 1024)
            {
                return current;
            }

            previous = current;
        }

        return previous;
    }
}
