using System.Diagnostics;
using System.Globalization;
using Batchata;
using Batchata.Benchmarks;

// Usage: dotnet run -c Release --project bench/Batchata.Benchmarks -- --jobs 100000 [--providers anthropic|openai|gemini|all|mix] [--items-per-batch N] [--state-only] [--e2e-only] [--latency 20s] [--separate-emulator] [--max-jobs-in-flight N]
var jobs = 10_000;
var providers = "anthropic";
var stateOnly = false;
var e2eOnly = false;
var child = false;
var adaptive = false;
var separateEmulator = false;
var serveEmulator = false;
int? maxJobsInFlight = null;
int? itemsPerBatch = null;
TimeSpan? latency = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--jobs": jobs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--providers": providers = args[++i]; break;
        case "--state-only": stateOnly = true; break;
        case "--e2e-child": child = true; break;
        case "--items-per-batch": itemsPerBatch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--e2e-only": e2eOnly = true; break;
        case "--latency": latency = ParseDuration(args[++i]); break;
        case "--adaptive-polling": adaptive = true; break;
        case "--separate-emulator": separateEmulator = true; break;
        case "--serve-emulator": serveEmulator = true; break;
        case "--max-jobs-in-flight": maxJobsInFlight = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}"); return 2;
    }
}

if (serveEmulator)
{
    return await EndToEndBenchmark.ServeEmulatorAsync(latency);
}

if (child)
{
    // The end-to-end run in a process of its own, so its peak working set is its own (see EndToEndBenchmark.RunInChildAsync).
    var directory = Path.Combine(Path.GetTempPath(), "batchata-bench", Guid.NewGuid().ToString("N"));
    try
    {
        var outcome = await EndToEndBenchmark.RunAsync(directory, jobs, providers, itemsPerBatch, latency, adaptive, separateEmulator, maxJobsInFlight);
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

if (latency is { } l)
{
    // Latency mode: the same run at the emulated batch latency L and at zero latency, both with a user's default
    // (adaptive) polling, each in a child process of its own. What a user waits for is L x waves; the check is that
    // the run pays L once and otherwise costs what it costs at zero latency: wall <= L + 1.3 x zero-latency wall.
    var baseArgs = args.Where((a, i) => a != "--latency" && (i == 0 || args[i - 1] != "--latency")).Append("--adaptive-polling").ToList();
    var slow = await EndToEndBenchmark.RunInChildAsync(baseArgs.Concat(["--latency", args[Array.IndexOf(args, "--latency") + 1]]));
    var fast = await EndToEndBenchmark.RunInChildAsync(baseArgs);
    var bound = l.TotalSeconds + (1.3 * fast.Wall.TotalSeconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency {l.TotalSeconds:0.#} s: wall {slow.Wall.TotalSeconds:0.000} s, completed {slow.Completed:N0}/{jobs:N0}, provider batches {slow.Batches}, peak working set {slow.PeakWorkingSetMb:0} MB"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zero latency: wall {fast.Wall.TotalSeconds:0.000} s, completed {fast.Completed:N0}/{jobs:N0}, provider batches {fast.Batches}, peak working set {fast.PeakWorkingSetMb:0} MB"));
    SeparateEmulatorLine(slow);
    var ok = slow.Wall.TotalSeconds <= bound;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check: wall {slow.Wall.TotalSeconds:0.0} s <= L + 1.3 x zero-latency wall = {l.TotalSeconds:0.#} + 1.3 x {fast.Wall.TotalSeconds:0.0} = {bound:0.0} s: {(ok ? "yes" : "NO")}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"waves={slow.Waves} wall_over_latency={slow.Wall.TotalSeconds / l.TotalSeconds:0.00} zero_latency_wall_s={fast.Wall.TotalSeconds:0.00} peak_mb={slow.PeakWorkingSetMb:0} jobs_per_s={jobs / slow.Wall.TotalSeconds:0}"));
    return slow.Completed == jobs && fast.Completed == jobs ? 0 : 1;
}

if (e2eOnly)
{
    var only = await EndToEndBenchmark.RunInChildAsync(args);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"end-to-end: {only.Wall.TotalSeconds:0.000} s, {jobs / only.Wall.TotalSeconds:0} jobs/s, completed {only.Completed:N0}/{jobs:N0}, provider batches {only.Batches}, waves {only.Waves}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: peak working set {only.PeakWorkingSetMb:0} MB, allocated {only.AllocatedMb:0} MB, peak GC heap {only.PeakHeapMb:0} MB, peak live set {only.PeakLiveMb:0} MB (promoted at a gen2 collection); managed heap after AddJob {only.HeapAfterAddJobMb:0} MB; the emulator held {only.EmulatorRetainedMb:0} MB of managed heap at the end"));
    SeparateEmulatorLine(only);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak_mb={only.PeakWorkingSetMb:0} jobs_per_s={jobs / only.Wall.TotalSeconds:0} waves={only.Waves}"));
    return only.Completed == jobs ? 0 : 1;
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
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: peak working set {e2e.PeakWorkingSetMb:0} MB (a process of its own: library + in-process emulator + runtime), allocated {e2e.AllocatedMb:0} MB, peak GC heap {e2e.PeakHeapMb:0} MB, peak live set {e2e.PeakLiveMb:0} MB (promoted at a gen2 collection); managed heap after AddJob {e2e.HeapAfterAddJobMb:0} MB; the emulator held {e2e.EmulatorRetainedMb:0} MB of managed heap at the end"));
    SeparateEmulatorLine(e2e);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio={ratio:0.00} peak_mb={e2e.PeakWorkingSetMb:0} jobs_per_s={jobs / e2e.Wall.TotalSeconds:0} waves={e2e.Waves}"));
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

static void SeparateEmulatorLine(EndToEndBenchmark.Outcome outcome)
{
    if (outcome.EmulatorPeakWorkingSetMb > 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"emulator (a process of its own, not counted above): peak working set {outcome.EmulatorPeakWorkingSetMb:0} MB"));
    }
}

static TimeSpan ParseDuration(string text)
{
    var t = text.Trim().ToLowerInvariant();
    return t.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(t[..^2], CultureInfo.InvariantCulture))
        : t.EndsWith('m') ? TimeSpan.FromMinutes(double.Parse(t[..^1], CultureInfo.InvariantCulture))
        : t.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(t[..^1], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(t, CultureInfo.InvariantCulture));
}
