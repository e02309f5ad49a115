using Microsoft.Data.Sqlite;

namespace Batchata.Tests.State;

public sealed class RunStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"));

    public RunStoreTests() => Directory.CreateDirectory(_dir);

    private string StatePath => Path.Combine(_dir, "state.db");

    private static JobRequest Job(string id) => new()
    {
        Id = id,
        Model = "claude-haiku-5-5",
        Provider = "anthropic",
        Messages = [new JobMessage("user", "hello " + id)],
        MaxTokens = 10,
    };

    [Fact]
    public void Open_CorruptFile_ThrowsNamingFileAndKeepsIt()
    {
        File.WriteAllText(StatePath, "this is not a database, just text that someone left here");

        var ex = Assert.Throws<StateStoreException>(() => RunStore.Open(StatePath, TimeProvider.System));

        Assert.Contains(StatePath, ex.Message);
        Assert.Contains("--fresh", ex.Message);
        Assert.True(File.Exists(StatePath));
        Assert.StartsWith("this is not a database", File.ReadAllText(StatePath));
    }

    [Fact]
    public void Open_UnknownSchemaVersion_ThrowsNamingVersionAndFile()
    {
        using (RunStore.Open(StatePath, TimeProvider.System))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={StatePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '99' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<StateStoreException>(() => RunStore.Open(StatePath, TimeProvider.System));
        Assert.Contains("99", ex.Message);
        Assert.Contains(StatePath, ex.Message);
        Assert.True(File.Exists(StatePath));
    }

    [Fact]
    public void MoveAside_KeepsOldFileRenamed()
    {
        using (var store = RunStore.Open(StatePath, TimeProvider.System))
        {
            store.InsertJobs([Job("a")]);
        }

        var aside = RunStore.MoveAside(StatePath, TimeProvider.System);

        Assert.NotNull(aside);
        Assert.True(File.Exists(aside));
        Assert.False(File.Exists(StatePath));
        using var fresh = RunStore.Open(StatePath, TimeProvider.System);
        Assert.Empty(fresh.LoadJobs());
    }

    [Fact]
    public void WriteAhead_IntentThenId_SurvivesReopen()
    {
        string runId;
        using (var store = RunStore.Open(StatePath, TimeProvider.System))
        {
            runId = store.RunId;
            store.InsertJobs([Job("a"), Job("b"), Job("c")]);
            var row = store.RecordBatchIntent("tag-1", "anthropic", "claude-haiku-5-5", ["a", "b"], 0.5m, DateTimeOffset.UnixEpoch);
            store.RecordBatchSubmitted(row, "msgbatch_1");
            store.SettleJobs([new JobSettlement("c", JobStatus.Completed, null, JobFailureKind.None, 0.25m, 5, 6, "c.json")]);
        }

        using var reopened = RunStore.Open(StatePath, TimeProvider.System);
        Assert.Equal(runId, reopened.RunId);
        var jobs = reopened.LoadJobs();
        Assert.Equal(["a", "b", "c"], jobs.Select(j => j.Id));
        Assert.Equal(JobStatus.Running, jobs[0].Status);
        Assert.Equal(JobStatus.Completed, jobs[2].Status);
        var open = Assert.Single(reopened.LoadOpenBatches());
        Assert.Equal("msgbatch_1", open.ProviderBatchId);
        Assert.Equal(StoredBatchStatus.Submitted, open.Status);
        Assert.Equal(["a", "b"], open.JobIds);
        Assert.Equal(0.25m, reopened.SpentUsd());
    }

    [Fact]
    public void JobDefinition_RoundTripsSchemaAndFile()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"x":{"type":"string"}},"required":["x"]}""");
        var job = Job("s") with { ResponseSchema = doc.RootElement.Clone(), ResponseTypeName = "Thing", File = new JobFile("/tmp/a.pdf", JobFileKind.Pdf, "application/pdf") };
        using (var store = RunStore.Open(StatePath, TimeProvider.System))
        {
            store.InsertJobs([job]);
        }

        using var reopened = RunStore.Open(StatePath, TimeProvider.System);
        var loaded = reopened.LoadDefinition("s");
        Assert.Equal("Thing", loaded.ResponseTypeName);
        Assert.Equal(doc.RootElement.GetRawText(), loaded.ResponseSchema!.Value.GetRawText());
        Assert.Equal(JobFileKind.Pdf, loaded.File!.Kind);
    }

    [Fact]
    public void LoadJobs_ReadsThePlanningFactsWithoutTheDefinitions()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"x":{"type":"string"}},"required":["x"]}""");
        var structured = Job("s") with { ResponseSchema = doc.RootElement.Clone(), ResponseTypeName = "Thing", EstimatedInputTokens = 1234, MaxTokens = 77 };
        using (var store = RunStore.Open(StatePath, TimeProvider.System))
        {
            store.InsertJobs([structured, Job("t") with { EstimatedInputTokens = 5 }]);
        }

        using var reopened = RunStore.Open(StatePath, TimeProvider.System);
        var jobs = reopened.LoadJobs();
        Assert.Equal(["s", "t"], jobs.Select(j => j.Id));
        Assert.Equal((structured.Model, 1234L, 77, "Thing", true), (jobs[0].Model, jobs[0].EstimatedInputTokens, jobs[0].MaxTokens, jobs[0].ResponseTypeName, jobs[0].HasSchema));
        Assert.Equal((5L, (string?)null, false), (jobs[1].EstimatedInputTokens, jobs[1].ResponseTypeName, jobs[1].HasSchema));
    }

    [Fact]
    public void LoadDefinition_OfAnUnknownJob_IsAClearStateError()
    {
        using var store = RunStore.Open(StatePath, TimeProvider.System);
        var error = Assert.Throws<StateStoreException>(() => store.LoadDefinition("nope"));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
