using System.Text.Json;

namespace Batchata;

/// <summary>The results of a run, split by how each job ended.</summary>
public sealed class BatchResults
{
    internal BatchResults(IReadOnlyList<JobResult> all)
    {
        All = all;
        Completed = all.Where(r => r.Status == JobStatus.Completed).ToList();
        Failed = all.Where(r => r.Status == JobStatus.Failed).ToList();
        Cancelled = all.Where(r => r.Status == JobStatus.Cancelled).ToList();
    }

    /// <summary>
    /// Reads every result of a results directory, whichever run wrote it: with a state file (by default
    /// <c>{resultsDir}/.batchata/state.db</c>), every job it stores, in the order the jobs were added (a job whose
    /// result file is missing or unreadable is a failed result saying so); without one, every <c>*.json</c> at the top
    /// of the directory, by name.
    /// </summary>
    /// <param name="resultsDir">The results directory.</param>
    /// <param name="stateFile">The state file, when it is not the default one.</param>
    /// <returns>The results.</returns>
    /// <exception cref="StateStoreException">The state file cannot be read.</exception>
    /// <exception cref="DirectoryNotFoundException">The results directory does not exist.</exception>
    public static BatchResults Load(string resultsDir, string? stateFile = null)
    {
        var state = stateFile ?? Path.Combine(resultsDir, ".batchata", "state.db");
        if (File.Exists(state))
        {
            return Read(resultsDir, state, null);
        }

        if (stateFile is not null)
        {
            throw new StateStoreException($"The state file '{stateFile}' does not exist. Pass the state file of the run, or leave it out to read every result file of '{resultsDir}'.");
        }

        var results = new List<JobResult>();
        foreach (var path in Directory.GetFiles(resultsDir, "*.json").Order(StringComparer.Ordinal))
        {
            results.Add(ReadFile(path, Path.GetFileNameWithoutExtension(path), null));
        }

        return new BatchResults(results);
    }

    /// <summary>Reads the results of <paramref name="ids"/> (every stored job when null) with the state file's facts for missing files.</summary>
    internal static BatchResults Read(string resultsDir, string stateFile, IReadOnlyCollection<string>? ids)
    {
        try
        {
            using var store = RunStore.Open(stateFile, TimeProvider.System);
            ids ??= store.JobIds();
            var results = new List<JobResult>(ids.Count);
            foreach (var id in ids)
            {
                results.Add(ReadFile(Path.Combine(resultsDir, id + ".json"), id, store));
            }

            return new BatchResults(results);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw RunStore.Failed(stateFile, ex);
        }
    }

    private static JobResult ReadFile(string path, string id, RunStore? store)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, JsonDefaults.ResultFileInfo)
                ?? throw new JsonException("empty result file");
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            var job = store?.TryLoadJob(id);
            return new JobResult
            {
                JobId = id,
                Status = job?.Status ?? JobStatus.Failed,
                Error = $"The result file '{path}' could not be read: {ex.Message}",
                FailureKind = JobFailureKind.MissingResult,
                BatchId = job?.BatchRow is { } row ? store!.ProviderBatchIdOf(row) : null,
                CostUsd = job?.CostUsd ?? 0,
            };
        }
    }

    /// <summary>Gets every job's result, in the order the jobs were added.</summary>
    public IReadOnlyList<JobResult> All { get; }

    /// <summary>Gets the completed jobs.</summary>
    public IReadOnlyList<JobResult> Completed { get; }

    /// <summary>Gets the failed jobs (each with <see cref="JobResult.Error"/> and <see cref="JobResult.FailureKind"/>).</summary>
    public IReadOnlyList<JobResult> Failed { get; }

    /// <summary>Gets the cancelled jobs.</summary>
    public IReadOnlyList<JobResult> Cancelled { get; }

    /// <summary>Gets the total cost of the run in USD.</summary>
    public decimal TotalCostUsd => All.Sum(r => r.CostUsd);
}
