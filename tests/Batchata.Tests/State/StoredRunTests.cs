namespace Batchata.Tests.State;

/// <summary>The public view of a state file that <c>batchata status</c> reads.</summary>
public sealed class StoredRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Status_CountsJobsAndListsTheOpenBatchesWithTheirPhase()
    {
        var path = StoredRun.StatePathOf(_dir);
        using (var store = RunStore.Open(path, TimeProvider.System))
        {
            store.InsertJobs(new[] { "a", "b", "c" }.Select(id => new JobRequest { Id = id, Model = "claude-haiku-5-5", Provider = "anthropic", Messages = [new JobMessage("user", "hi")], MaxTokens = 5 }).ToList());
            var open = store.RecordBatchIntent("t1", "anthropic", "claude-haiku-5-5", ["a", "b"], 0.1m, DateTimeOffset.UnixEpoch);
            store.RecordBatchSubmitted(open, "msgbatch_1");
            var done = store.RecordBatchIntent("t2", "anthropic", "claude-haiku-5-5", ["c"], 0.1m, DateTimeOffset.UnixEpoch);
            store.SetBatchPhase(done, BatchPhase.Collected, DateTimeOffset.UnixEpoch);
            store.SettleJobs([new JobSettlement("c", JobStatus.Completed, null, JobFailureKind.None, 0.25m, 5, 6, "c.json")]);
        }

        using var run = StoredRun.Open(path);
        var status = run.Status();

        Assert.Equal(path, run.StatePath);
        Assert.Equal((3, 2, 1), (status.TotalJobs, status.Jobs[JobStatus.Running], status.Jobs[JobStatus.Completed]));
        Assert.Equal((0.25m, 2), (status.CostUsd, status.ProviderBatches));
        var batch = Assert.Single(status.OpenBatches);
        Assert.Equal(("anthropic", "msgbatch_1", BatchPhase.InFlight, 2), (batch.Provider, batch.BatchId, batch.Phase, batch.Jobs));
    }

    [Fact]
    public void Status_FileBrokenAfterOpen_ThrowsStateStoreExceptionNamingTheFile()
    {
        using var run = OpenThenBreak();

        var ex = Assert.Throws<StateStoreException>(() => run.Status());

        Assert.Contains(run.StatePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--fresh", ex.Message, StringComparison.Ordinal);
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(ex.InnerException);
    }

    [Fact]
    public async Task CancelAsync_FileBrokenAfterOpen_ThrowsStateStoreExceptionBeforeAskingAnyProvider()
    {
        using var run = OpenThenBreak();

        // The open batches cannot be read, so no provider is asked (no key is configured here either).
        var ex = await Assert.ThrowsAsync<StateStoreException>(() => run.CancelAsync(Path.Combine(_dir, "none.env")));

        Assert.Contains(run.StatePath, ex.Message, StringComparison.Ordinal);
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(ex.InnerException);
    }

    /// <summary>Opens a valid state file, then removes its batches table behind the open handle (another program did it).</summary>
    private StoredRun OpenThenBreak()
    {
        var path = StoredRun.StatePathOf(_dir);
        RunStore.Open(path, TimeProvider.System).Dispose();
        var run = StoredRun.Open(path);
        using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        other.Open();
        using var drop = other.CreateCommand();
        drop.CommandText = "DROP TABLE batches;";
        drop.ExecuteNonQuery();
        return run;
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
