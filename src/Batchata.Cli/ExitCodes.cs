namespace Batchata.Cli;

/// <summary>The process exit codes of the batchata tool.</summary>
internal static class ExitCodes
{
    /// <summary>Every job completed (or the command succeeded).</summary>
    public const int Success = 0;

    /// <summary>The run finished with failed or cancelled jobs, or a command failed.</summary>
    public const int JobsFailed = 1;

    /// <summary>The input (arguments, jobs file, state file) is invalid; nothing was submitted.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted by Ctrl+C or SIGTERM; the state is saved.</summary>
    public const int Interrupted = 130;
}
