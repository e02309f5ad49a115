using Spectre.Console;

namespace Batchata.Cli;

/// <summary>Where a command writes: a Spectre console for human output, and plain writers for machine output and errors.</summary>
/// <param name="Console">The console for tables, markup and the live display.</param>
/// <param name="Out">Standard output for machine-readable output (JSON, JSONL, CSV, export lines).</param>
/// <param name="Err">Standard error for errors, warnings and logs.</param>
/// <param name="DotEnvPath">The .env file to read keys and base URLs from (null: the working directory's).</param>
internal sealed record CliIo(IAnsiConsole Console, TextWriter Out, TextWriter Err, string? DotEnvPath = null)
{
    private IAnsiConsole? _errConsole;

    /// <summary>Gets a plain (no ANSI, not interactive) console on standard error.</summary>
    public IAnsiConsole ErrConsole => _errConsole ??= Plain(Err);

    /// <summary>Creates a console that writes plain text to <paramref name="writer"/>.</summary>
    public static IAnsiConsole Plain(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });
}
