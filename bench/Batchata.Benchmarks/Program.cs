using System.Diagnostics;
using System.Globalization;
using Batchata;
using Batchata.Benchmarks;

// Usage: dotnet run -c Release --project bench/Batchata.Benchmarks -- --jobs 100000 [--providers anthropic|openai|gemini|all] [--items-per-batch N] [--state-only]
var jobs = 10_000;
var providers = "anthropic";
var stateOnly = false;
var child = false;
int? itemsPerBatch = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--jobs": jobs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--providers": providers = args[++i]; break;
        case "--state-only": stateOnly = true; break;
        case "--e2e-child": child = true; break;
        case "--items-per-batch": itemsPerBatch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}"); return 2;
    }
}

if (child)
{
    // The end-to-end run in a process of its own, so its peak working set is its own (see EndToEndBenchmark.RunInChildAsync).
    var directory = Path.Combine(Path.GetTempPath(), "batchata-bench", Guid.NewGuid().ToString("N"));
    try
    {
        var outcome = await EndToEndBenchmark.RunAsync(directory, jobs, providers, itemsPerBatch);
        Console.WriteLine(EndToEndBenchmark.ChildMarker + System.Text.Json.JsonSerializer.Serialize(outcome));
        return 0;
    }
    finally
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

var work = Path.Combine(Path.GetTempPath(), "batchata-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
try
{
    var state = StateBenchmark.Run(work, [10_000, 100_000]);
    foreach (var (count, perThousand) in state)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state: {count,7:N0} jobs: {perThousand.TotalMilliseconds,8:0.00} ms per 1,000 job updates"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state: ratio 100k/10k per-update time = {state[1].PerThousand / state[0].PerThousand:0.00}"));
    if (stateOnly)
    {
        return 0;
    }

    var floor = FloorBenchmark.Run(Path.Combine(work, "floor"), jobs);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor: {floor.TotalSeconds:0.000} s for {jobs:N0} jobs (serialize request lines, parse result lines, write result files)"));

    var e2e = await EndToEndBenchmark.RunInChildAsync(args);
    var ratio = e2e.Wall.TotalSeconds / floor.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"end-to-end: {e2e.Wall.TotalSeconds:0.000} s, {jobs / e2e.Wall.TotalSeconds:0} jobs/s, completed {e2e.Completed:N0}/{jobs:N0}, provider batches {e2e.Batches}; of which AddJob (validation, token estimate, spool) {e2e.AddJobs.TotalSeconds:0.000} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: peak working set {e2e.PeakWorkingSetMb:0} MB (a process of its own: library + in-process emulator + runtime), allocated {e2e.AllocatedMb:0} MB, peak GC heap {e2e.PeakHeapMb:0} MB; managed heap after AddJob {e2e.HeapAfterAddJobMb:0} MB; the emulator held {e2e.EmulatorRetainedMb:0} MB of managed heap at the end"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio={ratio:0.00} peak_mb={e2e.PeakWorkingSetMb:0} jobs_per_s={jobs / e2e.Wall.TotalSeconds:0}"));
    return e2e.Completed == jobs ? 0 : 1;
}
finally
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
}
