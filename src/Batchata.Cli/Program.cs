using System.Runtime.InteropServices;
using Batchata.Cli;
using Spectre.Console;

using var stop = new CancellationTokenSource();
var presses = 0;
Console.CancelKeyPress += (_, e) =>
{
    if (Interlocked.Increment(ref presses) == 1)
    {
        e.Cancel = true;
        Console.Error.WriteLine("Stopping… press Ctrl+C again to exit immediately.");
        _ = Task.Run(stop.Cancel);
    }
    else
    {
        // The state is written incrementally, so an immediate exit leaves it consistent.
        Environment.Exit(ExitCodes.Interrupted);
    }
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    _ = Task.Run(stop.Cancel);
});

if (Console.IsOutputRedirected)
{
    // Redirected output has no width; do not wrap summary lines at the default 80 columns.
    AnsiConsole.Profile.Width = 200;
}

return await CliApp.RunAsync(args, AnsiConsole.Console, Console.Out, Console.Error, stop.Token);
