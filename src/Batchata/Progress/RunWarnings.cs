using System.Collections.Concurrent;

namespace Batchata;

/// <summary>
/// Warnings that need the user's attention (a deprecated model, jobs refused by the cost limit). They are logged,
/// and also kept here so that they reach the user without a logger: <see cref="BatchRun.Warnings"/>, and stderr
/// when the run prints its status.
/// </summary>
internal sealed class RunWarnings
{
    private readonly ConcurrentQueue<string> _items = new();
    private readonly Lock _gate = new();
    private TextWriter? _echo;

    /// <summary>Gets the warnings, in order.</summary>
    public IReadOnlyList<string> Items => [.. _items];

    /// <summary>Adds a warning (and writes it to the echo writer, if any).</summary>
    public void Add(string warning)
    {
        lock (_gate)
        {
            _items.Enqueue(warning);
            Write(_echo, warning);
        }
    }

    /// <summary>From now on, writes every warning to <paramref name="echo"/>, starting with those already added.</summary>
    public void EchoTo(TextWriter echo)
    {
        lock (_gate)
        {
            _echo = echo;
            foreach (var warning in _items)
            {
                Write(echo, warning);
            }
        }
    }

    private static void Write(TextWriter? echo, string warning)
    {
        if (echo is not null)
        {
            echo.WriteLine("warning: " + warning);
            echo.Flush();
        }
    }
}
