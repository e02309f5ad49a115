using Microsoft.Data.Sqlite;

namespace Batchata.Tests.State;

/// <summary>Issue 19, item 3: a state file that cannot be trusted is refused like a corrupt one, and left untouched.</summary>
public sealed class StateTrustTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"));

    public StateTrustTests() => Directory.CreateDirectory(_dir);

    private string StatePath => Path.Combine(_dir, "state.db");

    [Fact]
    public void Open_EmptyFile_RefusedNamingFileAndKeptEmpty()
    {
        File.WriteAllBytes(StatePath, []);

        var ex = Assert.Throws<StateStoreException>(() => RunStore.Open(StatePath, TimeProvider.System));

        Assert.Contains(StatePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--fresh", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(StatePath).Length);
    }

    [Fact]
    public void Open_TruncatedStateFile_Refused()
    {
        using (RunStore.Open(StatePath, TimeProvider.System))
        {
        }

        var bytes = File.ReadAllBytes(StatePath);
        File.WriteAllBytes(StatePath, bytes[..100]);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(StatePath + suffix);
        }

        var ex = Assert.Throws<StateStoreException>(() => RunStore.Open(StatePath, TimeProvider.System));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Equal(100, new FileInfo(StatePath).Length);
    }

    [Fact]
    public void Open_TruncatedMidFile_RefusedOrReadErrorsAsStateStoreException()
    {
        using (var store = RunStore.Open(StatePath, TimeProvider.System))
        {
            store.InsertJobs(Enumerable.Range(0, 300).Select(i => new JobRequest
            {
                Id = $"j{i}",
                Model = "claude-haiku-5-5",
                Provider = "anthropic",
                Messages = [new JobMessage("user", new string('x', 200) + i)],
                MaxTokens = 10,
            }).ToList());
        }

        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(StatePath);
        Assert.True(bytes.Length > 8192, $"the file is {bytes.Length} bytes");
        File.WriteAllBytes(StatePath, bytes[..(bytes.Length / 2)]);

        // Either refused on open or on the first read, always as the documented exception with the file's name.
        var ex = Assert.Throws<StateStoreException>(() =>
        {
            try
            {
                using var store = RunStore.Open(StatePath, TimeProvider.System);
                store.ForEachJob(_ => { });
                _ = store.CountJobs();
            }
            catch (SqliteException e)
            {
                throw RunStore.Failed(StatePath, e);
            }
        });
        Assert.Contains(StatePath, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ForeignSqliteDatabase_RefusedAndNotGivenOurTables()
    {
        using (var connection = new SqliteConnection($"Data Source={StatePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers(name) VALUES ('Ada');";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<StateStoreException>(() => RunStore.Open(StatePath, TimeProvider.System));

        Assert.Contains("another program", ex.Message, StringComparison.Ordinal);
        using (var connection = new SqliteConnection($"Data Source={StatePath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'";
            Assert.Equal("customers", command.ExecuteScalar());
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
