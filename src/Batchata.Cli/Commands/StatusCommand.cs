using System.CommandLine;
using System.Globalization;
using Batchata.Cli.Rendering;
using Spectre.Console;

namespace Batchata.Cli.Commands;

/// <summary><c>batchata status</c>: jobs by status, in-flight provider batches and cost, read from the state file.</summary>
internal static class StatusCommand
{
    public static Command Create(CliIo io)
    {
        var location = new StateLocation();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON on stdout." };
        var command = new Command("status", "Show a run's jobs by status, its in-flight provider batches and its cost (read-only).");
        location.AddTo(command);
        command.Add(json);
        command.SetAction(result =>
        {
            var path = location.Resolve(result);
            using var run = StoredRun.Open(path);
            var status = run.Status();
            if (result.GetValue(json))
            {
                io.Out.WriteLine(ToJson(run.StatePath, status));
            }
            else
            {
                Write(io.Console, run.StatePath, status);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, string path, StoredRunStatus status)
    {
        var (total, counts, spent, open) = (status.TotalJobs, status.Jobs, status.CostUsd, status.OpenBatches);
        console.MarkupLine(I($"[bold]State[/]: {Markup.Escape(path)}"));
        console.MarkupLine(I($"Jobs: {total} — [green]{counts[JobStatus.Completed]} completed[/], [red]{counts[JobStatus.Failed]} failed[/], [yellow]{counts[JobStatus.Cancelled]} cancelled[/], [blue]{counts[JobStatus.Running]} running[/], {counts[JobStatus.Pending]} pending."));
        console.MarkupLine(I($"Cost so far: [bold]${spent:0.000000}[/] at batch prices."));
        console.MarkupLine(I($"Provider batches: {status.ProviderBatches} in all, {open.Count} in flight."));
        if (open.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Provider").AddColumn("Batch").AddColumn("Model").AddColumn("Status").AddColumn(new TableColumn("Jobs").RightAligned()).AddColumn("Created (UTC)");
        foreach (var b in open)
        {
            table.AddRow(
                Markup.Escape(b.Provider), Markup.Escape(b.BatchId ?? "(creating)"), Markup.Escape(b.Model), b.Phase.ToString(),
                I($"{b.Jobs}"), I($"{b.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}"));
        }

        console.Write(table);
    }

    private static string ToJson(string path, StoredRunStatus status) => JsonText.Write(w =>
    {
        var (total, counts, spent, open) = (status.TotalJobs, status.Jobs, status.CostUsd, status.OpenBatches);
        w.WriteStartObject();
        w.WriteString("state_file", path);
        w.WriteStartObject("jobs");
        w.WriteNumber("total", total);
        foreach (var (jobStatus, count) in counts)
        {
            w.WriteNumber(jobStatus.ToString().ToLowerInvariant(), count);
        }

        w.WriteEndObject();
        w.WriteNumber("cost_usd", spent);
        w.WriteNumber("provider_batches", status.ProviderBatches);
        w.WriteStartArray("in_flight");
        foreach (var b in open)
        {
            w.WriteStartObject();
            w.WriteString("provider", b.Provider);
            w.WriteString("batch_id", b.BatchId);
            w.WriteString("model", b.Model);
            w.WriteString("status", b.Phase.ToString());
            w.WriteNumber("jobs", b.Jobs);
            w.WriteString("created_at", b.CreatedAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
