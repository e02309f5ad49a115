namespace Batchata;

/// <summary>
/// Why and when a run must stop: the caller's cancellation or the time limit (on the run's clock). The engine
/// creates it and passes it to the trackers. The reason is recorded, once, before the stop token fires, so that
/// whatever reacts to the stop (a provider call's token, say) already knows why. After the stop, the grace period
/// (for cancelling and collecting) starts; no provider call outlives it.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource? _timeLimit;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _grace;
    private readonly CancellationTokenRegistration _onCaller;
    private readonly CancellationTokenRegistration _onTimeLimit;
    private readonly TimeSpan _gracePeriod;
    private int _reason;

    public StopSignal(TimeSpan? timeLimit, TimeProvider time, CancellationToken caller, TimeSpan? gracePeriod = null)
    {
        _gracePeriod = gracePeriod ?? TimeSpan.FromMinutes(2);
        _grace = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _timeLimit = timeLimit is { } limit ? new CancellationTokenSource(limit, time) : null;
        _onCaller = caller.Register(() => Stop(StopReason.Cancelled));
        if (_timeLimit is not null)
        {
            _onTimeLimit = _timeLimit.Token.Register(() => Stop(StopReason.TimeLimit));
        }
    }

    /// <summary>Gets a signal that never fires (a run without limit or cancellation).</summary>
    public static StopSignal Never(TimeProvider time) => new(null, time, CancellationToken.None);

    /// <summary>Gets the token that fires when the run must stop.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Gets the token that fires when the grace period after the stop ends.</summary>
    public CancellationToken GraceToken => _grace.Token;

    /// <summary>Gets a value indicating whether the run must stop.</summary>
    public bool IsStopped => _stop.IsCancellationRequested;

    /// <summary>Gets why the run stopped (<see cref="StopReason.None"/> while it runs).</summary>
    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    /// <summary>
    /// Gets how long a provider call may take once the run is stopping (real time: it bounds socket I/O). A call that
    /// gets no answer within it ends the batch's part in this run; the batch stays recorded for the next run.
    /// </summary>
    public TimeSpan CallBound { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The token of one provider call: before the stop it fires <paramref name="allowanceAfterStop"/> after the stop
    /// (null: at the stop itself); once stopping, <see cref="CallBound"/> after the call starts; never after the grace period.
    /// </summary>
    public ProviderCall Call(TimeSpan? allowanceAfterStop = null)
        => new(() => allowanceAfterStop ?? TimeSpan.Zero, CallBound, _grace.Token, _stop.Token);

    /// <summary>As <see cref="Call(TimeSpan?)"/>, with an allowance decided when the stop comes (it knows <see cref="Reason"/>).</summary>
    public ProviderCall Call(Func<TimeSpan> allowanceAfterStop)
        => new(allowanceAfterStop, CallBound, _grace.Token, _stop.Token);

    public void Dispose()
    {
        _onCaller.Dispose();
        _onTimeLimit.Dispose();
        _stop.Dispose();
        _grace.Dispose();
        _timeLimit?.Dispose();
    }

    private void Stop(StopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StopReason.None) != (int)StopReason.None)
        {
            return;
        }

        try
        {
            _grace.CancelAfter(_gracePeriod);
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
