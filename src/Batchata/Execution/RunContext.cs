using Microsoft.Extensions.Logging;

namespace Batchata;

/// <summary>What every part of a running engine shares.</summary>
internal sealed class RunContext
{
    private readonly IProgress<BatchProgress>? _progress;
    private long _lastReport;

    public RunContext(RunSettings settings, RunStore store, RunState state, ResultSink sink, ProviderRegistry providers, TimeProvider time, ILogger logger, IProgress<BatchProgress>? progress)
    {
        Settings = settings;
        Store = store;
        State = state;
        Sink = sink;
        Providers = providers;
        Time = time;
        Logger = logger;
        _progress = progress;
    }

    public RunSettings Settings { get; }

    public RunStore Store { get; }

    public RunState State { get; }

    public ResultSink Sink { get; }

    public ProviderRegistry Providers { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    /// <summary>Fires when the run must stop: time limit or the caller's cancellation.</summary>
    public CancellationToken StopToken { get; set; }

    public StopReason StopReason { get; set; }

    /// <summary>Sends a progress snapshot, at most once per progress interval unless forced.</summary>
    public void Report(bool force = false)
    {
        if (_progress is null)
        {
            return;
        }

        var now = Time.GetTimestamp();
        var last = Interlocked.Read(ref _lastReport);
        if (!force && last != 0 && Time.GetElapsedTime(last, now) < Settings.ProgressInterval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastReport, now, last) == last || force)
        {
            _progress.Report(State.Progress(Settings.TimeLimit));
        }
    }
}
