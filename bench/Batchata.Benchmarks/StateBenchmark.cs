using System.Diagnostics;

namespace Batchata.Benchmarks;

/// <summary>Time per 1,000 job updates of the SQLite run store, at different run sizes (issue 3: incremental writes stay flat as the run grows).</summary>
internal static class StateBenchmark
{
    public static List<(int Count, TimeSpan PerThousand)> Run(string work, int[] sizes)
    {
        Measure(work, 6_000, "warmup"); // JIT and SQLite warm-up, not reported
        return sizes.Select(size => (size, Enumerable.Range(0, 3).Select(n => Measure(work, size, $"{size}-{n}")).Order().ElementAt(1))).ToList();
    }

    /// <summary>The median-of-three time per 1,000 updates for a run of <paramref name="size"/> jobs.</summary>
    private static TimeSpan Measure(string work, int size, string name)
    {
        {
            var path = Path.Combine(work, $"state-{name}.db");
            using var store = RunStore.Open(path, TimeProvider.System);
            store.InsertJobs(Enumerable.Range(0, size).Select(i => new JobRequest
            {
                Id = $"job-{i:D7}",
                Model = "claude-haiku-5-5",
                Provider = "anthropic",
                Messages = [new JobMessage("user", $"Prompt number {i}")],
                MaxTokens = 100,
            }).ToList());

            // Settle 5,000 jobs the way a provider batch comes back: a contiguous range of jobs (one batch),
            // in shuffled order (providers do not keep order), flushed in the engine's size (256).
            const int updates = 5_000;
            var first = (size / 2) - (updates / 2);
            var order = Enumerable.Range(first, updates).ToArray();
            new Random(42).Shuffle(order);
            var watch = Stopwatch.StartNew();
            var pending = new List<JobSettlement>(256);
            foreach (var n in order)
            {
                pending.Add(new JobSettlement($"job-{n:D7}", JobStatus.Completed, null, JobFailureKind.None, 0.0001m, 10, 20, "x.json"));
                if (pending.Count == 256)
                {
                    store.SettleJobs(pending);
                    pending.Clear();
                }
            }

            store.SettleJobs(pending);
            watch.Stop();
            return watch.Elapsed / (updates / 1000.0);
        }
    }
}
