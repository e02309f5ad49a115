namespace Batchata.Tests.State;

/// <summary>Issue 19: a refused process names the lock's holder from its note, waits for a note not yet written (no polling), and never names a dead process.</summary>
public sealed class RunLockTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"));

    private string LockPath => Path.Combine(_dir, "state.db.lock");

    [Fact]
    public void Acquire_WhileHeld_RefusedNamingTheHolder()
    {
        using var held = RunLock.Acquire(TimeProvider.System, LockPath);

        var ex = Assert.Throws<StateStoreException>(() => RunLock.Acquire(TimeProvider.System, LockPath));

        Assert.Contains($"held by pid {Environment.ProcessId}, started ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_HolderNoteWrittenAfterTheRefusal_WaitsForItAndNamesTheHolder()
    {
        using var held = RunLock.Acquire(TimeProvider.System, LockPath);
        var note = File.ReadAllText(LockPath + ".owner");
        File.Delete(LockPath + ".owner");
        var late = Task.Run(async () =>
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            File.WriteAllText(LockPath + ".owner", note);
        }, TestContext.Current.CancellationToken);

        var ex = Assert.Throws<StateStoreException>(() => RunLock.Acquire(TimeProvider.System, LockPath));
        await late;

        Assert.Contains($"held by {note}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_NoteOfAProcessThatIsGone_NotBelieved()
    {
        using var held = RunLock.Acquire(TimeProvider.System, LockPath);
        File.WriteAllText(LockPath + ".owner", "pid 2147483646, started 2020-01-01 00:00:00 UTC, locked 2020-01-01 00:00:00 UTC, on nowhere");

        var ex = Assert.Throws<StateStoreException>(() => RunLock.Acquire(TimeProvider.System, LockPath));

        Assert.Contains("holder unknown", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2147483646", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
