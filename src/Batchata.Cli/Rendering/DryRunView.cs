using System.Globalization;
using Spectre.Console;

namespace Batchata.Cli.Rendering;

/// <summary>Renders a <see cref="DryRunReport"/>: the planned provider batches and the expected and worst-case costs.</summary>
internal static class DryRunView
{
    public static void Write(IAnsiConsole console, DryRunReport report, Batch batch)
    {
        console.MarkupLine(I($"[bold]Dry run[/]: {report.TotalJobs} jobs; nothing was submitted and nothing was written."));
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Provider").AddColumn("Model").AddColumn(new TableColumn("Jobs").RightAligned())
            .AddColumn(new TableColumn("Batches").RightAligned()).AddColumn(new TableColumn("Input tokens").RightAligned())
            .AddColumn(new TableColumn("Expected").RightAligned()).AddColumn(new TableColumn("Worst case").RightAligned())
            .AddColumn(new TableColumn("Real-time").RightAligned());
        foreach (var g in report.Groups)
        {
            table.AddRow(
                Markup.Escape(g.Provider), Markup.Escape(g.Model), I($"{g.Jobs}"), I($"{g.Batches.Count}"), I($"{g.EstimatedInputTokens:N0}"),
                I($"${g.ExpectedCostUsd:0.0000}"), I($"${g.WorstCaseCostUsd:0.0000}"), I($"${g.RealTimeCostUsd:0.0000}"));
        }

        console.Write(table);
        console.MarkupLine(I($"Expected cost: [bold]${report.ExpectedCostUsd:0.0000}[/] at batch prices (real-time ${report.RealTimeCostUsd:0.0000}, saving ${report.SavingUsd:0.0000}); worst case ${report.WorstCaseCostUsd:0.0000}."));
        console.MarkupLine(Markup.Escape(I($"Assumption: {report.OutputAssumption}.")));
        if (report.CostLimitUsd is { } limit)
        {
            console.MarkupLine(report.WorstCaseFitsLimit
                ? I($"Cost limit ${limit:0.00##}: [green]the worst case fits[/] (${limit - report.WorstCaseCostUsd:0.0000} to spare).")
                : report.ExpectedFitsLimit
                    ? I($"Cost limit ${limit:0.00##}: [yellow]the expected cost fits but the worst case does not[/]; some batches may not be submitted.")
                    : I($"Cost limit ${limit:0.00##}: [red]the expected cost exceeds the limit[/] by ${report.ExpectedCostUsd - limit:0.0000}."));
        }

        console.MarkupLine(I($"Plan: at most {batch.MaxParallelBatches} provider batches in flight; items per batch {(batch.ItemsPerBatch is { } n ? n.ToString(CultureInfo.InvariantCulture) : "auto")}; results to {Markup.Escape(batch.ResultsDir)}."));
    }

    public static string ToJson(DryRunReport report, Batch batch) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("dry_run", true);
        w.WriteNumber("jobs", report.TotalJobs);
        w.WriteNumber("expected_cost_usd", report.ExpectedCostUsd);
        w.WriteNumber("worst_case_cost_usd", report.WorstCaseCostUsd);
        w.WriteNumber("real_time_cost_usd", report.RealTimeCostUsd);
        w.WriteNumber("saving_usd", report.SavingUsd);
        if (report.CostLimitUsd is { } limit)
        {
            w.WriteNumber("cost_limit_usd", limit);
        }
        else
        {
            w.WriteNull("cost_limit_usd");
        }

        w.WriteBoolean("worst_case_fits_limit", report.WorstCaseFitsLimit);
        w.WriteString("results_dir", batch.ResultsDir);
        w.WriteStartArray("groups");
        foreach (var g in report.Groups)
        {
            w.WriteStartObject();
            w.WriteString("provider", g.Provider);
            w.WriteString("model", g.Model);
            w.WriteNumber("jobs", g.Jobs);
            w.WriteStartArray("batches");
            foreach (var (requests, bytes) in g.Batches)
            {
                w.WriteStartObject();
                w.WriteNumber("requests", requests);
                w.WriteNumber("bytes", bytes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("estimated_input_tokens", g.EstimatedInputTokens);
            w.WriteNumber("expected_output_tokens", g.ExpectedOutputTokens);
            w.WriteNumber("max_output_tokens", g.MaxOutputTokens);
            w.WriteNumber("expected_cost_usd", g.ExpectedCostUsd);
            w.WriteNumber("worst_case_cost_usd", g.WorstCaseCostUsd);
            w.WriteNumber("real_time_cost_usd", g.RealTimeCostUsd);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
