using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Batchata;

/// <summary>
/// The durable state of a run in SQLite (WAL): jobs, provider batches (write-ahead) and costs. Every write is
/// incremental and transactional; nothing here ever deletes a file. Calls are serialized by a lock, so one
/// instance can be shared by the engine's parallel batch pipelines.
/// </summary>
internal sealed partial class RunStore : IDisposable
{
    /// <summary>The schema version this build reads and writes.</summary>
    public const int SchemaVersion = 4;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private SqliteCommand? _definitionQuery;
    private SqliteParameter? _definitionId;

    private RunStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The state file.</summary>
    public string Path { get; }

    /// <summary>The run id (stable across resumes of the same state file).</summary>
    public string RunId { get; private set; } = "";

    /// <summary>Opens (or creates) the state file; throws <see cref="StateStoreException"/> naming the file for corrupt or foreign files.</summary>
    public static RunStore Open(string path, TimeProvider timeProvider)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        CheckHeader(full);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var store = new RunStore(full, connection);
            store.Initialize(timeProvider);
            return store;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Corrupt(full, ex.Message, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses a file that exists but cannot be a state file written by Batchata: empty (SQLite would take it for a
    /// new database and the run would pay for every job again), shorter than a SQLite header, or not SQLite at all.
    /// </summary>
    private static void CheckHeader(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        // In WAL mode the first pages may still be in the write-ahead log only: SQLite recovers them from it.
        if (new FileInfo(path + "-wal") is { Exists: true, Length: > 0 } && new FileInfo(path).Length < 512)
        {
            return;
        }

        var header = new byte[16];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length == 0)
            {
                throw Corrupt(path, "it is empty (0 bytes), so it cannot say which jobs were already paid for");
            }

            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (stream.Length < 512)
            {
                throw Corrupt(path, $"it is truncated ({stream.Length} bytes)");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Corrupt(path, $"it cannot be read ({ex.Message})", ex);
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual("SQLite format 3\0"u8))
        {
            throw Corrupt(path, "it is not a SQLite database");
        }
    }

    /// <summary>Renames an existing state file (and its WAL files) aside, never deleting it; returns the new name or null when there was none.</summary>
    public static string? MoveAside(string path, TimeProvider timeProvider)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return null;
        }

        var stamp = timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var target = $"{full}.{stamp}.bak";
        for (var n = 2; File.Exists(target); n++)
        {
            target = $"{full}.{stamp}-{n}.bak";
        }

        File.Move(full, target);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(full + suffix))
            {
                File.Move(full + suffix, target + suffix);
            }
        }

        return target;
    }

    internal static StateStoreException Corrupt(string path, string detail, Exception? inner = null)
        => new($"The state file '{path}' cannot be used: {detail}. It was left untouched. To start fresh, run with reuseState: false (CLI: --fresh), which keeps this file aside, or choose another state file.", inner);

    /// <summary>A SQLite error met while the run was using the state file, as the documented exception with a message.</summary>
    internal static StateStoreException Failed(string path, SqliteException ex)
        => new($"The state file '{System.IO.Path.GetFullPath(path)}' could not be read or written: {ex.Message}. What was recorded before stays in it; run again to resume, or start fresh (reuseState: false / --fresh), which keeps this file aside.", ex);

    public void Dispose()
    {
        lock (_gate)
        {
            _definitionQuery?.Dispose();
            _connection.Dispose();
        }
    }

    private void Initialize(TimeProvider timeProvider)
    {
        // Another program's database is never adopted (nor given our tables): a file with tables must have ours.
        if (Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table'") is string tables && tables != "0"
            && Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") == "0")
        {
            throw Corrupt(Path, "it is a SQLite database of another program (it has no Batchata meta table)");
        }

        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("PRAGMA busy_timeout=5000;");
        Execute("PRAGMA cache_size=-4096;"); // 4 MB of page cache (2 MB by default): the pages a batch touches stay cached
        // Temporary tables and sorts (GROUP BY over every job at start and end) stay in SQLite's default temporary files:
        // in memory they took 36-52 MB of native heap for a 1,000,000-job run, which the allocator kept for the rest of the run.
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS jobs (
                id TEXT PRIMARY KEY, seq INTEGER NOT NULL, definition TEXT NOT NULL, status TEXT NOT NULL,
                batch_row INTEGER NULL, attempts INTEGER NOT NULL DEFAULT 0, error TEXT NULL, failure_kind TEXT NOT NULL DEFAULT 'None',
                cost_usd TEXT NOT NULL DEFAULT '0', input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0,
                result_path TEXT NULL, provider TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '',
                estimated_input_tokens INTEGER NOT NULL DEFAULT 0, max_tokens INTEGER NOT NULL DEFAULT 0,
                response_type TEXT NULL, has_schema INTEGER NOT NULL DEFAULT 0, fingerprint TEXT NULL);
            CREATE TABLE IF NOT EXISTS batches (
                row INTEGER PRIMARY KEY AUTOINCREMENT, tag TEXT NOT NULL UNIQUE, provider TEXT NOT NULL, model TEXT NOT NULL,
                provider_batch_id TEXT NULL, status TEXT NOT NULL, job_ids TEXT NOT NULL, job_count INTEGER NOT NULL,
                created_at TEXT NOT NULL, reserved_usd TEXT NOT NULL DEFAULT '0', ended_at TEXT NULL);
            CREATE INDEX IF NOT EXISTS jobs_batch ON jobs(batch_row);
            """);
        Execute(AnswersTable);
        var version = Scalar("SELECT value FROM meta WHERE key = 'schema_version'");
        if (version is null)
        {
            if (Scalar("SELECT count(*) FROM jobs") is string count && count != "0")
            {
                throw Corrupt(Path, "it has jobs but no schema version");
            }

            SetMeta("schema_version", SchemaVersion.ToString(CultureInfo.InvariantCulture));
            SetMeta("run_id", Guid.NewGuid().ToString("N")[..12]);
            SetMeta("created_at", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        }
        else if (version is "1" or "2" or "3")
        {
            if (version == "1")
            {
                MigrateFromVersion1();
            }

            if (version is "1" or "2")
            {
                MigrateFromVersion2();
            }

            MigrateFromVersion3();
        }
        else if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw Corrupt(Path, $"its schema version is {version}, and this version of Batchata reads versions 1 to {SchemaVersion}");
        }

        // The engine reads pending jobs of one provider in order, a batch at a time (never all of them at once).
        Execute("CREATE INDEX IF NOT EXISTS jobs_pending ON jobs(provider, status, seq);");

        RunId = Scalar("SELECT value FROM meta WHERE key = 'run_id'") ?? throw Corrupt(Path, "it has no run id");
    }

    /// <summary>
    /// Version 2 keeps the facts planning needs (provider, model, token estimate, max_tokens, response type) in
    /// columns, so the engine can page pending jobs from the file instead of holding them all. Version 1 files
    /// are upgraded in place, in one transaction, from the definitions they already hold.
    /// </summary>
    private void MigrateFromVersion1()
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var column in new[]
        {
            "provider TEXT NOT NULL DEFAULT ''", "model TEXT NOT NULL DEFAULT ''", "estimated_input_tokens INTEGER NOT NULL DEFAULT 0",
            "max_tokens INTEGER NOT NULL DEFAULT 0", "response_type TEXT NULL", "has_schema INTEGER NOT NULL DEFAULT 0",
        })
        {
            Execute($"ALTER TABLE jobs ADD COLUMN {column};", transaction);
        }

        try
        {
            Execute("""
                UPDATE jobs SET provider = json_extract(definition, '$.provider'), model = json_extract(definition, '$.model'),
                    estimated_input_tokens = coalesce(json_extract(definition, '$.estimated_input_tokens'), 0),
                    max_tokens = json_extract(definition, '$.max_tokens'), response_type = json_extract(definition, '$.response_type'),
                    has_schema = json_type(definition, '$.response_schema') IS NOT NULL;
                """, transaction);
        }
        catch (SqliteException ex)
        {
            throw Corrupt(Path, $"its job definitions could not be read to upgrade it from version 1 ({ex.Message})", ex);
        }

        Execute("UPDATE meta SET value = '2' WHERE key = 'schema_version';", transaction);
        transaction.Commit();
    }

    /// <summary>
    /// Version 3 records a batch's <see cref="BatchPhase"/>: the words of version 2 (Submitted, CancelRequested,
    /// Abandoned) become InFlight, Cancelling and Failed; Creating and Collected keep their names.
    /// </summary>
    private void MigrateFromVersion2()
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var legacy in Enum.GetValues<BatchLifecycle.LegacyStoredStatus>())
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE batches SET status = $phase WHERE status = $legacy";
            command.Parameters.AddWithValue("$phase", BatchLifecycle.FromStored(legacy.ToString()).ToString());
            command.Parameters.AddWithValue("$legacy", legacy.ToString());
            command.ExecuteNonQuery();
        }

        Execute("UPDATE meta SET value = '3' WHERE key = 'schema_version';", transaction);
        transaction.Commit();
    }

    /// <summary>
    /// Version 4 keeps each job's fingerprint (<see cref="JobFingerprint"/>), so a run can tell a changed definition
    /// from the stored one. Older definitions are fingerprinted in place, their file hashed as it is now (a file
    /// that is gone leaves the fingerprint unknown, and such a job is taken as unchanged).
    /// </summary>
    private void MigrateFromVersion3()
    {
        var hasColumn = Scalar("SELECT count(*) FROM pragma_table_info('jobs') WHERE name = 'fingerprint'") != "0";
        using var transaction = _connection.BeginTransaction();
        if (!hasColumn)
        {
            Execute("ALTER TABLE jobs ADD COLUMN fingerprint TEXT NULL;", transaction);
        }

        var fingerprints = new List<(string Id, string? Fingerprint)>();
        using (var read = _connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT id, definition FROM jobs WHERE fingerprint IS NULL";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                try
                {
                    fingerprints.Add((reader.GetString(0), JobFingerprint.ComputeLegacy(StateSerializer.Deserialize(reader.GetString(1)))));
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw Corrupt(Path, $"the definition of job '{reader.GetString(0)}' does not parse ({ex.Message})", ex);
                }
            }
        }

        using (var update = _connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE jobs SET fingerprint = $fp WHERE id = $id";
            var fp = update.Parameters.Add("$fp", SqliteType.Text);
            var id = update.Parameters.Add("$id", SqliteType.Text);
            foreach (var (jobId, fingerprint) in fingerprints)
            {
                fp.Value = (object?)fingerprint ?? DBNull.Value;
                id.Value = jobId;
                update.ExecuteNonQuery();
            }
        }

        Execute("UPDATE meta SET value = '4' WHERE key = 'schema_version';", transaction);
        transaction.Commit();
    }

    private void SetMeta(string key, string value)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = $v";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() switch
        {
            null or DBNull => null,
            var value => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Money(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
