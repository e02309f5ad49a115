using System.Globalization;
using Spectre.Console;

namespace Batchata.Cli.Rendering;

/// <summary>Renders job results as a table with a total line.</summary>
internal static class ResultsTable
{
    private const int PreviewLength = 60;

    public static void Write(IAnsiConsole console, IReadOnlyList<JobResult> results, JobStatus? filter)
    {
        if (results.Count == 0)
        {
            console.WriteLine(filter is null ? "No results." : $"No {filter.Value.ToString().ToLowerInvariant()} jobs.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Job").AddColumn("Status").AddColumn("Model").AddColumn(new TableColumn("Tokens in/out").RightAligned())
            .AddColumn(new TableColumn("Cost").RightAligned()).AddColumn("Response / error");
        foreach (var r in results)
        {
            var colour = r.Status switch { JobStatus.Completed => "green", JobStatus.Failed => "red", _ => "yellow" };
            table.AddRow(
                Markup.Escape(r.JobId),
                $"[{colour}]{r.Status.ToString().ToLowerInvariant()}[/]",
                Markup.Escape(r.Model ?? ""),
                I($"{r.InputTokens}/{r.OutputTokens}"),
                I($"${r.CostUsd:0.000000}"),
                Markup.Escape(Preview(r)));
        }

        console.Write(table);
        console.WriteLine(I($"{results.Count} results: {results.Count(r => r.IsSuccess)} completed; total cost ${results.Sum(r => r.CostUsd):0.000000}."));
    }

    /// <summary>The answer (parsed if structured) or the error, on one line, shortened.</summary>
    internal static string Preview(JobResult r)
    {
        var text = r.Status == JobStatus.Completed
            ? r.ParsedResponse is { } parsed ? JsonText.Write(parsed.WriteTo, indented: false) : r.RawResponse ?? ""
            : r.Error ?? "";
        text = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

        return text.Length <= PreviewLength ? text : text[..(PreviewLength - 1)] + "…";
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
