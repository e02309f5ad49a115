using Microsoft.Extensions.Logging;

namespace Batchata.Cli;

/// <summary>A minimal logger factory that writes <c>level: message</c> lines to standard error.</summary>
internal sealed class StderrLoggerFactory(TextWriter writer) : ILoggerFactory
{
    private readonly Lock _gate = new();

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message, Exception? exception)
    {
        var prefix = level switch
        {
            LogLevel.Trace or LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            _ => "error",
        };
        lock (_gate)
        {
            writer.WriteLine($"{prefix}: {message}{(exception is null ? "" : " (" + exception.Message + ")")}");
        }
    }

    private sealed class Logger(StderrLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => factory.Write(logLevel, formatter(state, exception), exception);
    }
}
