using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Batchata;

/// <summary>
/// Before a run submits anything, compares each job the builder was given with the job of the same id in the state
/// file. A changed definition (another fingerprint) would otherwise be answered with the old job's stored answer, so
/// the run refuses, naming the changed ids and the choices; with <c>RerunChanged()</c> it resubmits just those,
/// moving each old result file aside (never deleting it).
/// </summary>
internal static class ChangedJobs
{
    private const int ChunkSize = 500;

    /// <summary>The folder, under the results directory, where the result files of replaced jobs are kept.</summary>
    public static string ReplacedDirectory(string resultsDir) => Path.Combine(resultsDir, ".batchata", "replaced");

    /// <summary>Finds the changed jobs; refuses, or (with <paramref name="rerun"/>) makes them pending again with their new definitions.</summary>
    /// <exception cref="BatchValidationException">Jobs changed and <paramref name="rerun"/> is off, or a changed job is in a provider batch in flight.</exception>
    public static void Check(RunStore store, IEnumerable<SpooledJob> builderJobs, bool rerun, string resultsDir, TimeProvider time, ILogger logger)
    {
        var changed = new List<(SpooledJob Job, string? ResultPath, long? BatchRow)>();
        var chunk = new List<SpooledJob>(ChunkSize);
        foreach (var job in builderJobs)
        {
            chunk.Add(job);
            if (chunk.Count == ChunkSize)
            {
                Compare(store, chunk, changed);
            }
        }

        Compare(store, chunk, changed);
        if (changed.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", changed.Take(10).Select(c => c.Job.Job.Id)) + (changed.Count > 10 ? $" and {changed.Count - 10} more" : "");
        if (!rerun)
        {
            throw new BatchValidationException(
                $"{changed.Count} job{(changed.Count == 1 ? " was" : "s were")} changed since {(changed.Count == 1 ? "it was" : "they were")} stored in '{store.Path}': {names}. "
                + "The stored answers belong to the old definitions, so nothing was submitted. Choose one: rerun just the changed jobs with "
                + "RerunChanged() (CLI: --rerun-changed; each old result file is kept in .batchata/replaced/); give the changed jobs new ids; "
                + "or start a fresh run with SetState(reuseState: false) (CLI: --fresh), which keeps the old state file aside.");
        }

        var open = store.LoadOpenBatches().Select(b => b.Row).ToHashSet();
        var inFlight = changed.Where(c => c.BatchRow is { } row && open.Contains(row)).Select(c => c.Job.Job.Id).ToList();
        if (inFlight.Count > 0)
        {
            throw new BatchValidationException(
                $"The changed job{(inFlight.Count == 1 ? "" : "s")} {string.Join(", ", inFlight.Take(10))} {(inFlight.Count == 1 ? "is" : "are")} in a provider batch still in flight, so {(inFlight.Count == 1 ? "it" : "they")} cannot be rerun yet. "
                + "Run once with the old definitions to collect that batch (or cancel it with 'batchata cancel'), then rerun with the changes.");
        }

        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        foreach (var (job, resultPath, _) in changed)
        {
            var path = resultPath is null ? Path.Combine(resultsDir, job.Job.Id + ".json") : Path.GetFullPath(resultPath, Path.GetFullPath(resultsDir));
            if (File.Exists(path))
            {
                var aside = MoveAside(path, ReplacedDirectory(resultsDir), job.Job.Id, stamp);
                logger.LogInformation("Job {Job} changed; its old result file was kept as {File}.", job.Job.Id, aside);
            }
        }

        store.ReplaceJobs(changed.Select(c => c.Job).ToList());
        logger.LogWarning("Rerunning {Count} changed jobs: {Jobs}.", changed.Count, names);
    }

    private static void Compare(RunStore store, List<SpooledJob> chunk, List<(SpooledJob, string?, long?)> changed)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        var stored = store.StoredFingerprints(chunk.Select(j => j.Job.Id).ToList());
        foreach (var job in chunk)
        {
            if (stored.TryGetValue(job.Job.Id, out var row) && row.Fingerprint is { } old && job.Job.Fingerprint is { } now && old != now)
            {
                changed.Add((job, row.ResultPath, row.BatchRow));
            }
        }

        chunk.Clear();
    }

    private static string MoveAside(string path, string directory, string id, string stamp)
    {
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, $"{id}.{stamp}.json");
        for (var n = 2; File.Exists(target); n++)
        {
            target = Path.Combine(directory, $"{id}.{stamp}-{n}.json");
        }

        File.Move(path, target);
        return target;
    }
}
