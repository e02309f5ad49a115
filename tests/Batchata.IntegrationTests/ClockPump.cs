using Microsoft.Extensions.Time.Testing;

namespace Batchata.IntegrationTests;

/// <summary>Drives a <see cref="FakeTimeProvider"/> forward in small steps on a background task, so polling, latency and time limits pass quickly but in order.</summary>
public sealed class ClockPump : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ClockPump(FakeTimeProvider time, TimeSpan step, TimeSpan? every = null)
    {
        Time = time;
        var pause = every ?? TimeSpan.FromMilliseconds(5);
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                time.Advance(step);
                try
                {
                    await Task.Delay(pause, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public FakeTimeProvider Time { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
