using System.CommandLine;
using Spectre.Console;

namespace Batchata.Cli.Commands;

/// <summary>
/// <c>batchata cancel</c>: asks the providers to cancel a run's in-flight batches and records the request in the
/// state file. A run that is still polling them then collects their partial results; otherwise the next
/// <c>batchata run</c> of the same directory does.
/// </summary>
internal static class CancelCommand
{
    public static Command Create(CliIo io)
    {
        var location = new StateLocation();
        var command = new Command("cancel", "Cancel a run's in-flight provider batches (keys and base URLs come from the environment or .env).");
        location.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var run = StoredRun.Open(location.Resolve(result));
            var cancellation = await run.CancelAsync(io.DotEnvPath, cancellationToken);
            if (cancellation.Batches.Count == 0)
            {
                io.Console.WriteLine("Nothing to cancel: the run has no provider batch in flight.");
                return ExitCodes.Success;
            }

            foreach (var outcome in cancellation.Batches)
            {
                var label = $"{outcome.Batch.Provider} batch {outcome.Batch.BatchId} ({outcome.Batch.Jobs} jobs)";
                io.Console.MarkupLine(outcome.Cancelled
                    ? $"[yellow]Cancel requested[/]: {Markup.Escape(label)}"
                    : $"[red]Not cancelled[/]: {Markup.Escape(label)}: {Markup.Escape(outcome.Error!)}");
            }

            io.Console.WriteLine(cancellation.RunInProgress is { } holder
                ? $"A run is in progress ({holder}); it collects what the batches finished and records the cancellation."
                : "Run 'batchata run' on the same jobs file and results directory to collect what the batches finished.");
            return cancellation.Batches.All(b => b.Cancelled) ? ExitCodes.Success : ExitCodes.JobsFailed;
        });
        return command;
    }
}
