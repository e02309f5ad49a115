namespace Batchata.Cli.Rendering;

/// <summary>
/// The cost of a run's work at real-time (non-batch) prices, recomputed from the result files, so that a
/// resumed run counts the jobs settled by earlier runs too (the run's own status only counts this process's).
/// </summary>
internal static class RealTimeCost
{
    public static decimal Of(IReadOnlyList<JobResult> results, BatchStatus status, ModelCatalog catalog)
    {
        decimal total = 0;
        foreach (var r in results)
        {
            if (r.InputTokens == 0 && r.OutputTokens == 0)
            {
                continue;
            }

            if (r.Model is null || !catalog.TryGet(r.Model, out var model))
            {
                return status.RealTimeCostUsd;
            }

            total += model.StandardCostUsd(r.InputTokens, r.OutputTokens, r.CacheWriteTokens, r.CacheReadTokens);
        }

        return Math.Max(total, status.RealTimeCostUsd);
    }
}
