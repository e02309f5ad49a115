using System.CommandLine;
using System.Text.Json;
using Batchata.Cli.Rendering;

namespace Batchata.Cli.Commands;

/// <summary><c>batchata results DIR</c>: lists the per-job result files as a table, JSONL or CSV.</summary>
internal static class ResultsCommand
{
    public static Command Create(CliIo io)
    {
        var dir = new Argument<string>("dir") { Description = "The results directory ({job_id}.json per job)." };
        var status = new Option<string?>("--status", "-s") { Description = "Only jobs with this status." };
        status.AcceptOnlyFromAmong("completed", "failed", "cancelled");
        var format = new Option<string>("--format", "-f") { Description = "The output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "jsonl", "csv");
        var command = new Command("results", "List the results of a run from its result files.") { dir, status, format };
        command.SetAction(result =>
        {
            var path = result.GetValue(dir)!;
            if (!Directory.Exists(path))
            {
                throw new CliInputException($"The results directory '{path}' does not exist.");
            }

            var wanted = result.GetValue(status) is { } s ? Enum.Parse<JobStatus>(s, ignoreCase: true) : (JobStatus?)null;
            var results = Load(path, io.Err).Where(r => wanted is null || r.Result.Status == wanted).ToList();
            switch (result.GetValue(format))
            {
                case "jsonl":
                    foreach (var (_, json) in results)
                    {
                        io.Out.WriteLine(json);
                    }

                    break;
                case "csv":
                    ResultsCsv.Write(io.Out, results.Select(r => r.Result));
                    break;
                default:
                    ResultsTable.Write(io.Console, results.Select(r => r.Result).ToList(), wanted);
                    break;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads every <c>*.json</c> of the directory (ordered by name), with its compact JSON text.</summary>
    private static IEnumerable<(JobResult Result, string Json)> Load(string dir, TextWriter err)
    {
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            JobResult? result;
            string compact;
            try
            {
                var text = File.ReadAllText(file);
                using var document = JsonDocument.Parse(text);
                compact = JsonText.Write(document.RootElement.WriteTo, indented: false);
                result = document.RootElement.Deserialize<JobResult>(BatchataJson.Options);
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                err.WriteLine($"warn: skipped '{file}': not a result file ({ex.Message})");
                continue;
            }

            if (result is not null)
            {
                yield return (result, compact);
            }
        }
    }
}
