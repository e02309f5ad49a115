namespace Batchata;

/// <summary>
/// Why and when a run must stop: the caller's cancellation or the time limit (on the run's clock). The engine
/// creates it and passes it to the trackers; the reason is recorded here, once, by the token's own callback, so
/// nobody sets it and the order of calls does not matter.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource? _timeLimit;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenRegistration _registration;
    private int _reason;

    public StopSignal(TimeSpan? timeLimit, TimeProvider time, CancellationToken caller)
    {
        _timeLimit = timeLimit is { } limit ? new CancellationTokenSource(limit, time) : null;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(caller, _timeLimit?.Token ?? CancellationToken.None);
        _registration = _stop.Token.Register(() =>
            Interlocked.CompareExchange(ref _reason, (int)(caller.IsCancellationRequested ? StopReason.Cancelled : StopReason.TimeLimit), (int)StopReason.None));
    }

    /// <summary>Gets a signal that never fires (a run without limit or cancellation).</summary>
    public static StopSignal Never(TimeProvider time) => new(null, time, CancellationToken.None);

    /// <summary>Gets the token that fires when the run must stop.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Gets a value indicating whether the run must stop.</summary>
    public bool IsStopped => _stop.IsCancellationRequested;

    /// <summary>Gets why the run stopped (<see cref="StopReason.None"/> while it runs).</summary>
    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    public void Dispose()
    {
        _registration.Dispose();
        _stop.Dispose();
        _timeLimit?.Dispose();
    }
}
