using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Batchata;

/// <summary>
/// A batch's logging: the user's <see cref="ILoggerFactory"/> (none by default) decides what is shown by its own
/// filters, per category; <see cref="Batch.SetVerbosity"/>, when called, adds a floor on top of them (Python parity).
/// Loggers made here follow later changes of the factory or floor, so the order of the batch's setters does not matter.
/// </summary>
internal sealed class BatchLogging
{
    private volatile Bound _bound = new(NullLoggerFactory.Instance, null);

    /// <summary>Gets or sets the user's factory.</summary>
    public ILoggerFactory Factory
    {
        get => _bound.Factory;
        set => _bound = _bound with { Factory = value };
    }

    /// <summary>Gets or sets the floor set by <see cref="Batch.SetVerbosity"/>, or null to leave it to the factory.</summary>
    public LogLevel? Minimum
    {
        get => _bound.Minimum;
        set => _bound = _bound with { Minimum = value };
    }

    /// <summary>Creates a logger of <paramref name="category"/> (for example <c>Batchata.Engine</c>).</summary>
    public ILogger CreateLogger(string category) => new Logger(this, category);

    private sealed record Bound(ILoggerFactory Factory, LogLevel? Minimum);

    private sealed class Logger(BatchLogging owner, string category) : ILogger
    {
        private (ILoggerFactory Factory, ILogger Logger)? _inner;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => Inner(owner._bound.Factory).BeginScope(state);

        public bool IsEnabled(LogLevel logLevel)
        {
            var bound = owner._bound;
            return logLevel != LogLevel.None && (bound.Minimum is not { } floor || logLevel >= floor) && Inner(bound.Factory).IsEnabled(logLevel);
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Inner(owner._bound.Factory).Log(logLevel, eventId, state, exception, formatter);
            }
        }

        private ILogger Inner(ILoggerFactory factory)
        {
            var inner = _inner;
            if (inner is { } known && ReferenceEquals(known.Factory, factory))
            {
                return known.Logger;
            }

            var logger = factory.CreateLogger(category);
            _inner = (factory, logger);
            return logger;
        }
    }
}
