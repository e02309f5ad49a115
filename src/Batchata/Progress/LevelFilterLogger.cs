using Microsoft.Extensions.Logging;

namespace Batchata;

/// <summary>Drops log entries below the batch's verbosity before they reach the user's logger.</summary>
internal sealed class LevelFilterLogger(ILogger inner, LogLevel minimum) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
