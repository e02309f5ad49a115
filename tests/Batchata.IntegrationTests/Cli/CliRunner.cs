using Batchata.Cli;
using Spectre.Console;

namespace Batchata.IntegrationTests.Cli;

/// <summary>What one in-process CLI invocation printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Console, string Stdout, string Stderr)
{
    public string All => Console + Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- console\n{Console}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs <see cref="CliApp"/> in-process with a plain (non-interactive, no ANSI) console and captured writers.</summary>
public static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(TestContext.Current.CancellationToken, args);

    public static Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
        => RunAsync(null, cancellationToken, args);

    /// <summary>Runs with keys and base URLs from <paramref name="dotEnvPath"/> (process environment variables still win).</summary>
    public static async Task<CliResult> RunAsync(string? dotEnvPath, CancellationToken cancellationToken, params string[] args)
    {
        var consoleText = new StringWriter();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(consoleText),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var code = await CliApp.RunAsync(args, console, stdout, stderr, dotEnvPath, cancellationToken);
        return new CliResult(code, consoleText.ToString(), stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes a jobs file of the given lines into <paramref name="dir"/>.</summary>
    public static string WriteJobs(TempDir dir, params string[] lines)
    {
        var path = Path.Combine(dir.Path, "jobs.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Four small jobs: plain prompts, a conversation and a structured job, all on claude-haiku-5-5.</summary>
    public static readonly string[] SmallJobs =
    [
        """{"id":"greet","prompt":"Say hello to the batch.","model":"claude-haiku-5-5","max_tokens":64}""",
        """{"id":"poem","prompt":"Write a haiku about waiting for results.","model":"claude-haiku-5-5","max_tokens":64}""",
        """{"id":"chat","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is two plus two?"}],"model":"claude-haiku-5-5","max_tokens":32}""",
        """{"id":"extract","prompt":"Extract the person: Ada Lovelace, born 1815 in London.","model":"claude-haiku-5-5","max_tokens":256,"response_schema":{"type":"object","properties":{"name":{"type":"string"},"city":{"type":"string"}},"required":["name","city"],"additionalProperties":false}}""",
    ];

    /// <summary>The arguments of a fast emulated run of <paramref name="jobs"/> into <paramref name="results"/>.</summary>
    public static string[] EmulatedRun(string jobs, string results, params string[] extra)
        => ["run", jobs, "--results-dir", results, "--emulate", "--emulator-latency", "0s", "--poll-interval", "100ms", .. extra];
}
