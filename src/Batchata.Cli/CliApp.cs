using System.CommandLine;
using Batchata.Cli.Commands;
using Spectre.Console;

namespace Batchata.Cli;

/// <summary>The batchata command line: parses the arguments, runs the command and maps errors to exit codes.</summary>
internal static class CliApp
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">The console for human output (tables, live display, summary).</param>
    /// <param name="stdout">Standard output for machine-readable output.</param>
    /// <param name="stderr">Standard error for errors and logs.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C: a run stops gracefully and exits with 130.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
        => RunAsync(args, console, stdout, stderr, dotEnvPath: null, cancellationToken);

    /// <summary>Runs the command line with settings read from <paramref name="dotEnvPath"/> instead of <c>./.env</c> (tests).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">The console for human output.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="dotEnvPath">The .env file (environment variables still win).</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter stdout, TextWriter stderr, string? dotEnvPath, CancellationToken cancellationToken)
    {
        var io = new CliIo(console, stdout, stderr, dotEnvPath);
        var root = new RootCommand("Run LLM jobs through the Anthropic, OpenAI and Gemini batch APIs at half the real-time price.")
        {
            RunCommand.Create(io),
            StatusCommand.Create(io),
            ResultsCommand.Create(io),
            CancelCommand.Create(io),
            ModelsCommand.Create(io),
            EmulatorCommand.Create(io),
        };
        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            var code = await parsed.InvokeAsync(invocation, cancellationToken);
            return parsed.Errors.Count > 0 ? ExitCodes.InvalidInput : code;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("Interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is CliInputException or BatchValidationException or StateStoreException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            await stderr.WriteLineAsync($"error: the state file could not be read or written: {ex.Message}. What was recorded before stays in it; run again to resume.");
            return ExitCodes.JobsFailed;
        }
        catch (Exception ex) when (ex is BatchataException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.JobsFailed;
        }
    }
}
