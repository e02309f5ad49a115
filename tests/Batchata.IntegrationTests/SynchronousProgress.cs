namespace Batchata.IntegrationTests;

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
public sealed class SynchronousProgress(Action<BatchProgress> callback) : IProgress<BatchProgress>
{
    private readonly Lock _gate = new();

    public void Report(BatchProgress value)
    {
        lock (_gate)
        {
            callback(value);
        }
    }
}
