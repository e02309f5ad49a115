using System.Globalization;
using Spectre.Console;

namespace Batchata.Cli.Rendering;

/// <summary>The final summary of a run: jobs by status, cost, saving against real-time prices, elapsed, where results are.</summary>
internal static class RunSummaryView
{
    private const int MaxFailuresShown = 10;

    public static void Write(IAnsiConsole console, BatchRun run, ModelCatalog catalog)
    {
        var s = run.Status();
        var ended = run.WasCancelled ? "[yellow]Run interrupted[/] (state saved; run the same command again to resume)"
            : run.TimeLimitReached ? "[yellow]Run stopped by the time limit[/]"
            : s.Completed == s.Total ? "[green]Run complete[/]"
            : "[red]Run finished with failures[/]";
        console.WriteLine();
        console.MarkupLine(I($"{ended}: {s.Total} jobs — [green]{s.Completed} completed[/], [red]{s.Failed} failed[/], [yellow]{s.Cancelled} cancelled[/]{(s.Pending + s.Running > 0 ? $", {s.Pending + s.Running} not finished" : "")}."));
        var results = run.Results().All;
        var realTime = RealTimeCost.Of(results, s, catalog);
        var saved = realTime - s.CostUsd;
        var percent = realTime > 0 ? I($" ({saved * 100 / realTime:0}%)") : "";
        var limit = s.CostLimitUsd is { } l ? I($"; limit ${l:0.00##}") : "";
        console.MarkupLine(I($"Cost: [bold]${s.CostUsd:0.000000}[/] at batch prices (estimated ${s.EstimatedCostUsd:0.000000}); real-time would be ${realTime:0.000000}, saved [green]${saved:0.000000}{percent}[/]{limit}."));
        console.MarkupLine(I($"Elapsed: {run.Elapsed:hh\\:mm\\:ss}; provider batches: {s.BatchesTotal}."));
        console.MarkupLine(I($"Results: [bold]{Markup.Escape(run.ResultsDir)}[/] (state: {Markup.Escape(run.StateFile)})"));
        console.MarkupLine(I($"[grey]Next: batchata results {Markup.Escape(Quote(run.ResultsDir))}[/]"));

        var failures = results.Where(r => r.Status is JobStatus.Failed or JobStatus.Cancelled).ToList();
        if (failures.Count > 0)
        {
            console.MarkupLine(I($"Failed or cancelled jobs ({failures.Count}):"));
            foreach (var r in failures.Take(MaxFailuresShown))
            {
                console.MarkupLine(I($"  [red]{Markup.Escape(r.JobId)}[/] ({r.Status.ToString().ToLowerInvariant()}): {Markup.Escape(r.Error ?? "no error recorded")}"));
            }

            if (failures.Count > MaxFailuresShown)
            {
                console.MarkupLine(I($"  … and {failures.Count - MaxFailuresShown} more: batchata results {Markup.Escape(Quote(run.ResultsDir))} --status failed"));
            }
        }
    }

    public static string ToJson(BatchRun run, int exitCode, ModelCatalog catalog) => JsonText.Write(w =>
    {
        var s = run.Status();
        var results = run.Results().All;
        var realTime = RealTimeCost.Of(results, s, catalog);
        w.WriteStartObject();
        w.WriteString("outcome", run.WasCancelled ? "interrupted" : run.TimeLimitReached ? "time_limit" : s.Completed == s.Total ? "completed" : "failed");
        w.WriteNumber("exit_code", exitCode);
        w.WriteStartObject("jobs");
        w.WriteNumber("total", s.Total);
        w.WriteNumber("completed", s.Completed);
        w.WriteNumber("failed", s.Failed);
        w.WriteNumber("cancelled", s.Cancelled);
        w.WriteNumber("pending", s.Pending);
        w.WriteNumber("running", s.Running);
        w.WriteEndObject();
        w.WriteNumber("cost_usd", s.CostUsd);
        w.WriteNumber("estimated_cost_usd", s.EstimatedCostUsd);
        w.WriteNumber("real_time_cost_usd", realTime);
        w.WriteNumber("saved_usd", realTime - s.CostUsd);
        if (s.CostLimitUsd is { } limit)
        {
            w.WriteNumber("cost_limit_usd", limit);
        }
        else
        {
            w.WriteNull("cost_limit_usd");
        }

        w.WriteNumber("elapsed_seconds", Math.Round(run.Elapsed.TotalSeconds, 3));
        w.WriteNumber("provider_batches", s.BatchesTotal);
        w.WriteString("results_dir", run.ResultsDir);
        w.WriteString("state_file", run.StateFile);
        w.WriteStartArray("failed_jobs");
        foreach (var r in results.Where(r => r.Status is JobStatus.Failed or JobStatus.Cancelled))
        {
            w.WriteStartObject();
            w.WriteString("job_id", r.JobId);
            w.WriteString("status", r.Status.ToString().ToLowerInvariant());
            w.WriteString("error", r.Error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
