using System.Globalization;

namespace Batchata;

/// <summary>
/// The status display of <c>RunAsync(printStatus: true)</c>: a live Spectre.Console view on an interactive
/// terminal, plain periodic lines otherwise, and a final summary.
/// </summary>
internal sealed class ConsoleStatusPrinter : IProgress<BatchProgress>, IDisposable
{
    private readonly TimeProvider _time;
    private readonly TextWriter _out;
    private long _lastLine;

    public ConsoleStatusPrinter(TimeProvider time, TextWriter? output = null)
    {
        _time = time;
        _out = output ?? Console.Out;
    }

    public void Report(BatchProgress value)
    {
        var now = _time.GetTimestamp();
        if (_lastLine != 0 && _time.GetElapsedTime(_lastLine, now) < TimeSpan.FromSeconds(5) && !value.Status.IsComplete)
        {
            return;
        }

        _lastLine = now;
        _out.WriteLine(StatusLine(value));
    }

    public void Complete(BatchRun run) => _out.WriteLine(RunSummary.Format(run));

    public void Dispose()
    {
    }

    internal static string StatusLine(BatchProgress p)
    {
        var s = p.Status;
        var limit = s.CostLimitUsd is { } l ? string.Create(CultureInfo.InvariantCulture, $" / limit ${l:0.00}") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{p.Elapsed:hh\\:mm\\:ss}] jobs {s.Completed + s.Failed + s.Cancelled}/{s.Total} (completed {s.Completed}, failed {s.Failed}, cancelled {s.Cancelled}, running {s.Running}, pending {s.Pending}) batches {s.BatchesDone}/{s.BatchesTotal} cost ${s.CostUsd:0.000000}{limit}");
    }
}
