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
            var path = location.Resolve(result);

            // One writer at a time. When a run holds the lock, cancel only asks the providers: the run, still polling,
            // sees the batches end and records them itself. Otherwise cancel holds the lock so that no run starts meanwhile.
            using var runLock = RunLock.TryAcquire(TimeProvider.System, RunLock.PathFor(path), out var holder);
            using var store = RunStore.Open(path, TimeProvider.System);
            var open = store.LoadOpenBatches().Where(b => b.ProviderBatchId is not null).ToList();
            if (open.Count == 0)
            {
                io.Console.WriteLine("Nothing to cancel: the run has no provider batch in flight.");
                return ExitCodes.Success;
            }

            using var registry = new ProviderRegistry(new AnthropicOptions(), new OpenAIOptions(), new GeminiOptions(), TimeProvider.System, new EnvironmentSettings(io.DotEnvPath));
            var failures = 0;
            foreach (var batch in open)
            {
                var label = $"{batch.Provider} batch {batch.ProviderBatchId} ({batch.JobIds.Count} jobs)";
                if (!registry.TryGet(batch.Provider, out var provider, out var problem))
                {
                    failures++;
                    io.Console.MarkupLine($"[red]Not cancelled[/]: {Markup.Escape(label)}: {Markup.Escape(problem ?? "provider unavailable")}");
                    continue;
                }

                try
                {
                    await provider.CancelBatchAsync(batch.ProviderBatchId!, cancellationToken);
                    if (runLock is not null)
                    {
                        store.SetBatchPhase(batch.Row, BatchPhase.Cancelling);
                    }

                    io.Console.MarkupLine($"[yellow]Cancel requested[/]: {Markup.Escape(label)}");
                }
                catch (Exception ex) when (ex is ProviderException or HttpRequestException or TimeoutException)
                {
                    failures++;
                    io.Console.MarkupLine($"[red]Not cancelled[/]: {Markup.Escape(label)}: {Markup.Escape(ex.Message)}");
                }
            }

            if (runLock is null)
            {
                io.Console.WriteLine($"A run is in progress ({holder}); it collects what the batches finished and records the cancellation.");
                return failures == 0 ? ExitCodes.Success : ExitCodes.JobsFailed;
            }

            io.Console.WriteLine("Run 'batchata run' on the same jobs file and results directory to collect what the batches finished.");
            return failures == 0 ? ExitCodes.Success : ExitCodes.JobsFailed;
        });
        return command;
    }
}
