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
        Assert.Equal(BatchPhase.InFlight, open.Phase);
        Assert.Equal(["a", "b"], open.JobIds);
        Assert.Equal(0.25m, reopened.SpentUsd());
    }

    [Fact]
    public void ProviderBatchIds_AreTheCreatedBatchesOfThatProviderOnly()
    {
        using var store = RunStore.Open(StatePath, TimeProvider.System);
        store.InsertJobs([Job("a"), Job("b"), Job("c"), Job("d")]);
        var first = store.RecordBatchIntent("tag-1", "anthropic", "claude-haiku-5-5", ["a"], 0.1m, DateTimeOffset.UnixEpoch);
        store.RecordBatchSubmitted(first, "msgbatch_1");
        var ended = store.RecordBatchIntent("tag-2", "anthropic", "claude-haiku-5-5", ["b"], 0.1m, DateTimeOffset.UnixEpoch);
        store.RecordBatchSubmitted(ended, "msgbatch_2");
        store.SetBatchPhase(ended, BatchPhase.Collected, DateTimeOffset.UnixEpoch);
        store.RecordBatchIntent("tag-3", "anthropic", "claude-haiku-5-5", ["c"], 0.1m, DateTimeOffset.UnixEpoch); // never created: no id
        var other = store.RecordBatchIntent("tag-4", "openai", "gpt-5-mini", ["d"], 0.1m, DateTimeOffset.UnixEpoch);
        store.RecordBatchSubmitted(other, "batch_1");

        Assert.Equal(["msgbatch_1", "msgbatch_2"], store.ProviderBatchIds("anthropic").Order(StringComparer.Ordinal));
        Assert.Equal(["batch_1"], store.ProviderBatchIds("openai"));
        Assert.Empty(store.ProviderBatchIds("gemini"));
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
    public void LoadPending_PagesOneProviderInOrder_SkippingOtherStatusesAndModels()
    {
        using var store = RunStore.Open(StatePath, TimeProvider.System);
        var jobs = Enumerable.Range(0, 10).Select(i => i % 3 == 2
            ? Job($"o{i}") with { Provider = "openai", Model = "gpt-6-luna" }
            : Job($"a{i}") with { Model = i % 2 == 0 ? "claude-haiku-5-5" : "claude-opus-5-5" }).ToList();
        store.InsertJobs(jobs);
        store.SettleJobs([new JobSettlement("a1", JobStatus.Completed, null, JobFailureKind.None, 0.1m, 1, 1, "a1.json")]);

        // Anthropic: a0 a3 a4 a6 a7 a9 are pending (a1 completed; o2 o5 o8 are OpenAI). Pages of 4, then the rest.
        var first = store.LoadPending("anthropic", null, 0, 4);
        Assert.Equal(["a0", "a3", "a4", "a6"], first.Select(p => p.Definition.Id));
        var rest = store.LoadPending("anthropic", null, first[^1].Seq, 4);
        Assert.Equal(["a7", "a9"], rest.Select(p => p.Definition.Id));
        Assert.Equal(["a0", "a4", "a6"], store.LoadPending("anthropic", "claude-haiku-5-5", 0, 10).Select(p => p.Definition.Id));
        Assert.Equal(["o2", "o5", "o8"], store.LoadPending("openai", "gpt-6-luna", 0, 10).Select(p => p.Definition.Id));

        // In the order of each group's first pending job: a0, then o2, then a3 (a1 is completed).
        var groups = store.PendingGroups();
        Assert.Equal([("anthropic", "claude-haiku-5-5", 3), ("openai", "gpt-6-luna", 3), ("anthropic", "claude-opus-5-5", 3)], groups);
    }

    [Fact]
    public void Open_VersionOneFile_IsUpgradedInPlaceAndItsJobsReadBack()
    {
        // A state file as version 1 wrote it: the planning facts only inside the JSON definition.
        using (var connection = new SqliteConnection($"Data Source={StatePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE jobs (
                    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, definition TEXT NOT NULL, status TEXT NOT NULL,
                    batch_row INTEGER NULL, attempts INTEGER NOT NULL DEFAULT 0, error TEXT NULL, failure_kind TEXT NOT NULL DEFAULT 'None',
                    cost_usd TEXT NOT NULL DEFAULT '0', input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0,
                    result_path TEXT NULL);
                CREATE TABLE batches (
                    row INTEGER PRIMARY KEY AUTOINCREMENT, tag TEXT NOT NULL UNIQUE, provider TEXT NOT NULL, model TEXT NOT NULL,
                    provider_batch_id TEXT NULL, status TEXT NOT NULL, job_ids TEXT NOT NULL, job_count INTEGER NOT NULL,
                    created_at TEXT NOT NULL, reserved_usd TEXT NOT NULL DEFAULT '0', ended_at TEXT NULL);
                INSERT INTO meta VALUES ('schema_version', '1'), ('run_id', 'abc123def456'), ('created_at', '2026-11-01T00:00:00Z');
                INSERT INTO jobs(id, seq, definition, status) VALUES
                    ('s', 1, '{"id":"s","model":"gpt-6-luna","provider":"openai","messages":[{"role":"user","text":"hi"}],"max_tokens":77,"response_schema":{"type":"object"},"response_type":"Thing","estimated_input_tokens":12}', 'Pending'),
                    ('t', 2, '{"id":"t","model":"claude-haiku-5-5","provider":"anthropic","messages":[{"role":"user","text":"yo"}],"max_tokens":5}', 'Completed');
                """;
            command.ExecuteNonQuery();
        }

        using var store = RunStore.Open(StatePath, TimeProvider.System);
        Assert.Equal("abc123def456", store.RunId);
        var jobs = store.LoadJobs();
        Assert.Equal(("gpt-6-luna", 12L, 77, "Thing", true), (jobs[0].Model, jobs[0].EstimatedInputTokens, jobs[0].MaxTokens, jobs[0].ResponseTypeName, jobs[0].HasSchema));
        Assert.Equal(("claude-haiku-5-5", 0L, 5, (string?)null, false, JobStatus.Completed), (jobs[1].Model, jobs[1].EstimatedInputTokens, jobs[1].MaxTokens, jobs[1].ResponseTypeName, jobs[1].HasSchema, jobs[1].Status));
        Assert.Equal(["s"], store.LoadPending("openai", null, 0, 10).Select(p => p.Definition.Id));
    }

    [Fact]
    public void Open_VersionTwoFile_ItsBatchWordsBecomePhasesAndOpenBatchesStillResume()
    {
        // Version 2 recorded Creating, Submitted, CancelRequested, Collected and Abandoned.
        using (var store = RunStore.Open(StatePath, TimeProvider.System))
        {
            store.InsertJobs([Job("a"), Job("b"), Job("c"), Job("d"), Job("e")]);
            foreach (var (tag, job) in new[] { ("t1", "a"), ("t2", "b"), ("t3", "c"), ("t4", "d"), ("t5", "e") })
            {
                store.RecordBatchIntent(tag, "anthropic", "claude-haiku-5-5", [job], 0.5m, DateTimeOffset.UnixEpoch);
            }
        }

        using (var connection = new SqliteConnection($"Data Source={StatePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE batches SET status = 'Submitted', provider_batch_id = 'b2' WHERE tag = 't2';
                UPDATE batches SET status = 'CancelRequested', provider_batch_id = 'b3' WHERE tag = 't3';
                UPDATE batches SET status = 'Collected' WHERE tag = 't4';
                UPDATE batches SET status = 'Abandoned' WHERE tag = 't5';
                UPDATE meta SET value = '2' WHERE key = 'schema_version';
                """;
            command.ExecuteNonQuery();
        }

        using var reopened = RunStore.Open(StatePath, TimeProvider.System);
        Assert.Equal(
            [("t1", BatchPhase.Creating), ("t2", BatchPhase.InFlight), ("t3", BatchPhase.Cancelling), ("t4", BatchPhase.Collected), ("t5", BatchPhase.Failed)],
            reopened.LoadAllBatches().Select(b => (b.Tag, b.Phase)));
        Assert.Equal(["t1", "t2", "t3"], reopened.LoadOpenBatches().Select(b => b.Tag));
    }

    [Fact]
    public void Open_VersionThreeFile_IsUpgradedInPlaceWithAFingerprintPerJob()
    {
        using (var store = RunStore.Open(StatePath, TimeProvider.System))
        {
            store.InsertJobs([Job("a"), Job("b")]);
        }

        using (var connection = new SqliteConnection($"Data Source={StatePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                ALTER TABLE jobs DROP COLUMN fingerprint;
                UPDATE meta SET value = '3' WHERE key = 'schema_version';
                """;
            command.ExecuteNonQuery();
        }

        using var reopened = RunStore.Open(StatePath, TimeProvider.System);
        var stored = reopened.StoredFingerprints(["a", "b", "missing"]);
        Assert.Equal(2, stored.Count);
        Assert.Equal(JobFingerprint.Compute(Job("a")), stored["a"].Fingerprint);
        Assert.NotEqual(stored["a"].Fingerprint, stored["b"].Fingerprint);
        Assert.Equal(["a", "b"], reopened.JobIds());
    }

    [Fact]
    public void ReplaceJobs_MakesTheJobPendingWithTheNewDefinition_AndKeepsWhatTheOldOneCost()
    {
        using var store = RunStore.Open(StatePath, TimeProvider.System);
        store.InsertJobs([Job("a"), Job("b")]);
        store.SettleJobs([new JobSettlement("a", JobStatus.Completed, null, JobFailureKind.None, 0.5m, 3, 4, "a.json")]);
        var changed = Job("a") with { Messages = [new JobMessage("user", "changed")] };
        changed = changed with { Fingerprint = JobFingerprint.Compute(changed) };

        store.ReplaceJobs([new SpooledJob(changed, StateSerializer.Serialize(changed))]);

        Assert.Equal("changed", store.LoadDefinition("a").Messages[0].Text);
        Assert.Equal(JobStatus.Pending, store.TryLoadJob("a")!.Status);
        Assert.Equal(changed.Fingerprint, store.StoredFingerprints(["a"])["a"].Fingerprint);
        Assert.Equal(0.5m, store.SpentUsd());
    }

    [Fact]
    public void InsertJobs_KeepsJobsTheFileAlreadyHas_AndCountsOnlyTheNewOnes()
    {
        using var store = RunStore.Open(StatePath, TimeProvider.System);
        Assert.Equal(2, store.InsertJobs([Job("a"), Job("b")]));
        store.SettleJobs([new JobSettlement("a", JobStatus.Completed, null, JobFailureKind.None, 0.5m, 3, 4, "a.json")]);

        // A rerun of the same script adds "a" and "b" again, and "c": only "c" is new; "a" keeps its state and definition.
        Assert.Equal(1, store.InsertJobs([Job("a") with { Messages = [new JobMessage("user", "changed")] }, Job("b"), Job("c")]));

        Assert.Equal(["a", "b", "c"], store.JobIds());
        Assert.Equal("hello a", store.LoadDefinition("a").Messages[0].Text);
        var counts = store.CountJobs();
        Assert.Equal((1, 2, 0), (counts[JobStatus.Completed], counts[JobStatus.Pending], counts[JobStatus.Failed]));
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
