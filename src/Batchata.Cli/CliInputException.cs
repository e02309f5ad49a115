namespace Batchata.Cli;

/// <summary>Invalid command-line input (a bad jobs line, a missing file); maps to exit code 2.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException()
    {
    }

    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
