namespace Batchata;

/// <summary>
/// The cancellation of one provider call: never later than the end of the grace period; before the stop, a set
/// allowance after it (zero: at the stop itself); once stopping, a short bound from the start of the call.
/// </summary>
internal sealed class ProviderCall : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenRegistration _onStop;

    public ProviderCall(Func<TimeSpan> allowanceAfterStop, TimeSpan boundWhileStopping, CancellationToken grace, CancellationToken stop)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(grace);
        if (stop.IsCancellationRequested)
        {
            _cts.CancelAfter(boundWhileStopping);
            return;
        }

        _onStop = stop.Register(static state =>
        {
            var (cts, allowance) = ((CancellationTokenSource, Func<TimeSpan>))state!;
            try
            {
                var delay = allowance();
                if (delay <= TimeSpan.Zero)
                {
                    cts.Cancel();
                }
                else
                {
                    cts.CancelAfter(delay);
                }
            }
            catch (ObjectDisposedException)
            {
            }
        }, (_cts, allowanceAfterStop));
    }

    public CancellationToken Token => _cts.Token;

    public bool IsCancellationRequested => _cts.IsCancellationRequested;

    public void Dispose()
    {
        _onStop.Dispose();
        _cts.Dispose();
    }
}
