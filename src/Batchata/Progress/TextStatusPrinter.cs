using System.Globalization;

namespace Batchata;

/// <summary>
/// A plain status printer for <c>RunAsync(printStatus: true)</c> and for any <see cref="TextWriter"/> (a log file,
/// redirected output): a line when a provider batch changes and a status line every few seconds, with no escape codes.
/// </summary>
/// <remarks><see cref="Report"/> may be called from any thread. The <c>batchata</c> tool draws a live terminal view instead.</remarks>
public sealed class TextStatusPrinter : IProgress<BatchProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _batchStates = new(StringComparer.Ordinal);
    private BatchProgress? _latest;
    private long _lastLine;
    private string? _lastStatusLine;

    /// <summary>Initializes a new instance of the <see cref="TextStatusPrinter"/> class.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="timeProvider">The clock that spaces status lines (default: the system clock).</param>
    public TextStatusPrinter(TextWriter output, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public void Report(BatchProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            _latest = value;
            Print(value, force: false);
        }
    }

    /// <summary>Prints the last status line if it has not been printed yet.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_latest is { } last)
            {
                Print(last, force: true);
            }
        }
    }

    /// <summary>Formats the one-line status of a snapshot.</summary>
    /// <param name="progress">The snapshot.</param>
    /// <returns>The line, for example <c>[01:20] jobs 4/4 (completed 4, ...); batches 1/1; cost $0.0123</c>.</returns>
    public static string StatusLine(BatchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var s = progress.Status;
        var limit = s.CostLimitUsd is { } l ? Invariant($" of ${l:0.00##} limit") : "";
        var waiting = progress.WaitingForProviderQueue.Count > 0 && s.Pending > 0 ? $"; waiting for provider queue ({string.Join(", ", progress.WaitingForProviderQueue)})" : "";
        waiting += progress.WaitingForJobsInFlightLimit is { } jobLimit && s.Pending > 0 ? Invariant($"; waiting for batches to end (at most {jobLimit:N0} jobs in flight)") : "";
        return Invariant(
            $"[{Clock(progress.Elapsed)}] jobs {s.Completed + s.Failed + s.Cancelled}/{s.Total} (completed {s.Completed}, failed {s.Failed}, cancelled {s.Cancelled}, running {s.Running}, pending {s.Pending}); batches {s.BatchesDone}/{s.BatchesTotal}; cost ${s.CostUsd:0.0000}{limit}{waiting}");
    }

    /// <summary>Formats a duration as <c>mm:ss</c> or <c>h:mm:ss</c>.</summary>
    internal static string Clock(TimeSpan t)
        => t.TotalHours >= 1 ? Invariant($"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}") : Invariant($"{t.Minutes:00}:{t.Seconds:00}");

    /// <summary>Writes the final summary of a run.</summary>
    internal void Complete(BatchRun run)
    {
        Flush();
        lock (_gate)
        {
            _output.WriteLine(RunSummary.Format(run));
            _output.Flush();
        }
    }

    private void Print(BatchProgress value, bool force)
    {
        foreach (var b in value.Batches)
        {
            var key = b.Provider + "/" + (b.BatchId ?? b.Model);
            var state = b.Status + " " + b.Done;
            if (b.BatchId is null || (_batchStates.TryGetValue(key, out var seen) && seen == state))
            {
                continue;
            }

            _batchStates[key] = state;
            _output.WriteLine(Invariant($"  {b.Provider} batch {b.BatchId} ({b.Model}): {b.Status}, {b.Done}/{b.Total} done, ${b.CostUsd:0.0000}, {Clock(b.Elapsed)}"));
        }

        var now = _time.GetTimestamp();
        var line = StatusLine(value);
        var due = _lastLine == 0 || _time.GetElapsedTime(_lastLine, now) >= Interval;
        if ((due || force || value.Status.IsComplete) && line != _lastStatusLine)
        {
            _lastLine = now;
            _lastStatusLine = line;
            _output.WriteLine(line);
        }

        _output.Flush();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
