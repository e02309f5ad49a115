using Microsoft.Extensions.Hosting;

namespace Batchata.Emulator.Http;

/// <summary>A host lifetime that ignores Ctrl+C and SIGTERM, so an in-process emulator never steals the host app's signals.</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
