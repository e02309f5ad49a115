using System.Diagnostics;

namespace Batchata.Benchmarks;

/// <summary>Time per 1,000 job updates of the SQLite run store, at different run sizes (issue 3: incremental writes stay flat).</summary>
internal static class StateBenchmark
{
    public static List<(int Count, TimeSpan PerThousand)> Run(string work, int[] sizes)
    {
        var results = new List<(int, TimeSpan)>();
        foreach (var size in sizes)
        {
            var path = Path.Combine(work, $"state-{size}.db");
            using var store = RunStore.Open(path, TimeProvider.System);
            store.InsertJobs(Enumerable.Range(0, size).Select(i => new JobRequest
            {
                Id = $"job-{i:D7}",
                Model = "claude-haiku-5-5",
                Provider = "anthropic",
                Messages = [new JobMessage("user", $"Prompt number {i}")],
                MaxTokens = 100,
            }).ToList());

            // Settle 5,000 jobs spread over the whole table, in the engine's flush size (256).
            const int updates = 5_000;
            var step = size / updates;
            var watch = Stopwatch.StartNew();
            var pending = new List<JobSettlement>(256);
            for (var n = 0; n < updates; n++)
            {
                pending.Add(new JobSettlement($"job-{n * step:D7}", JobStatus.Completed, null, JobFailureKind.None, 0.0001m, 10, 20, "x.json"));
                if (pending.Count == 256)
                {
                    store.SettleJobs(pending);
                    pending.Clear();
                }
            }

            store.SettleJobs(pending);
            watch.Stop();
            results.Add((size, watch.Elapsed / (updates / 1000.0)));
        }

        return results;
    }
}
