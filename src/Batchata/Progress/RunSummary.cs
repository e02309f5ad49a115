using System.Globalization;
using System.Text;

namespace Batchata;

/// <summary>The final summary of a run: jobs by status, cost, saving against real-time prices, elapsed, where results are.</summary>
internal static class RunSummary
{
    public static string Format(BatchRun run)
    {
        var s = run.Status();
        var text = new StringBuilder();
        var ended = run.StopReason switch
        {
            StopReason.TimeLimit => "stopped by the time limit",
            StopReason.Cancelled => "cancelled",
            _ => "finished",
        };
        text.AppendLine(CultureInfo.InvariantCulture, $"Batch {ended}: {s.Total} jobs — {s.Completed} completed, {s.Failed} failed, {s.Cancelled} cancelled.");
        var saved = s.RealTimeCostUsd - s.CostUsd;
        text.AppendLine(CultureInfo.InvariantCulture, $"Cost: ${s.CostUsd:0.000000} at batch prices (estimated ${s.EstimatedCostUsd:0.000000}; real-time would be ${s.RealTimeCostUsd:0.000000}; saved ${saved:0.000000}){(s.CostLimitUsd is { } l ? $", limit ${l:0.00}" : "")}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Elapsed: {run.Elapsed:hh\\:mm\\:ss}. Provider batches: {s.BatchesTotal}.");
        text.Append(CultureInfo.InvariantCulture, $"Results: {run.ResultsDir} (state: {run.StateFile})");
        return text.ToString();
    }
}
