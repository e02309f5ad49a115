namespace Batchata.Tests;

/// <summary>Issue 17: a Batch owns a temporary job spool (and maybe an HTTP client); disposing it releases them.</summary>
public sealed class BatchDisposalTests
{
    private static Batch NewBatch()
    {
        var batch = new Batch(Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N")))
            .UseAnthropic(o => { o.ApiKey = "test-key"; o.BaseUrl = new Uri("http://127.0.0.1:9/"); });
        batch.EnvironmentVariables = _ => null;
        batch.DotEnvPath = Path.Combine(Path.GetTempPath(), "batchata-unit", "no.env");
        return batch;
    }

    [Fact]
    public async Task DisposeAsync_ReleasesTheSpoolFile()
    {
        var batch = NewBatch().SetDefaultParams(model: "claude-haiku-5-5");
        batch.AddJob(prompt: "hello", id: "a");
        var path = batch.SpoolFileForTesting;
        Assert.NotNull(path);
        Assert.True(IsOpen(path), "the spool file should be open while the batch lives");

        await batch.DisposeAsync();

        Assert.False(IsOpen(path), "the spool file should be closed after DisposeAsync");
        Assert.False(File.Exists(path), "the spool file should not remain on disk");
        Assert.Equal(["a"], batch.JobIds);
    }

    [Fact]
    public async Task Disposed_AddJobAndRun_ThrowObjectDisposed()
    {
        var batch = NewBatch().SetDefaultParams(model: "claude-haiku-5-5");
        batch.AddJob(prompt: "hello", id: "a");
        batch.Dispose();
        await batch.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => batch.AddJob(prompt: "more", id: "b"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batch.RunAsync(cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batch.DryRunAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Whether this process holds the file open. On Linux the spool is unlinked at once, so its only trace is an
    /// open descriptor in /proc/self/fd; elsewhere it exists on disk until it is closed (DeleteOnClose).
    /// </summary>
    private static bool IsOpen(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(path, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
                catch (IOException)
                {
                    // A descriptor closed while enumerating.
                }
            }

            return false;
        }

        return File.Exists(path);
    }
}
