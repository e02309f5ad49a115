using Spectre.Console;

namespace Batchata;

/// <summary>
/// The status display of <c>RunAsync(printStatus: true)</c>: a <see cref="LiveDisplay"/> on an interactive
/// terminal, plain periodic lines otherwise (no escape codes), and a final summary.
/// </summary>
internal sealed class ConsoleStatusPrinter : IProgress<BatchProgress>, IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly LiveDisplay _display;

    public ConsoleStatusPrinter(TimeProvider time, TextWriter? output = null)
    {
        var interactive = output is null && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        _console = interactive
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output ?? Console.Out),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
        _display = new LiveDisplay(_console, time, live: interactive);
    }

    public void Report(BatchProgress value) => _display.Report(value);

    public void Complete(BatchRun run)
    {
        _display.Stop();
        var writer = _console.Profile.Out.Writer;
        writer.WriteLine(RunSummary.Format(run));
        writer.Flush();
    }

    public void Dispose() => _display.Dispose();

    internal static string StatusLine(BatchProgress p) => LiveDisplay.StatusLine(p);
}
