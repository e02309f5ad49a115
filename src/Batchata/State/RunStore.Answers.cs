using Microsoft.Data.Sqlite;

namespace Batchata;

/// <summary>
/// The stored answers of completed jobs: each result file's bytes, compressed, so that a result file that is later
/// deleted or damaged is rewritten from the state file by the next run instead of being paid for again. The table
/// is additive (older builds ignore it); only jobs whose status is Completed have their answer consulted.
/// </summary>
internal sealed partial class RunStore
{
    private const string AnswersTable = """
        CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, length INTEGER NOT NULL, content BLOB NOT NULL);
        """;

    /// <summary>Streams the id and result file length of every completed job that has a stored answer.</summary>
    /// <param name="visit">Called for each; it must not use this store.</param>
    public void ForEachStoredAnswer(Action<string, long> visit)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT a.id, a.length FROM answers a JOIN jobs j ON j.id = a.id WHERE j.status = 'Completed'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                visit(reader.GetString(0), reader.GetInt64(1));
            }
        }
    }

    /// <summary>The stored result file of a job (decompressed), or null when there is none.</summary>
    public byte[]? LoadAnswer(string id)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT length, content FROM answers WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? StoredAnswer.Decompress((byte[])reader.GetValue(1), reader.GetInt64(0)) : null;
        }
    }

    /// <summary>Records where a completed job's result file was rewritten.</summary>
    public void SettleResultPath(string id, string path)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE jobs SET result_path = $path WHERE id = $id";
            command.Parameters.AddWithValue("$path", path);
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }
    }

    private static void SaveAnswers(IReadOnlyList<JobSettlement> settlements, SqliteConnection connection, SqliteTransaction transaction)
    {
        SqliteCommand? command = null;
        SqliteParameter? id = null, length = null, content = null;
        try
        {
            foreach (var s in settlements)
            {
                if (s.Answer is not { } answer || s.Status != JobStatus.Completed)
                {
                    continue;
                }

                if (command is null)
                {
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = "INSERT INTO answers(id, length, content) VALUES ($id, $length, $content) ON CONFLICT(id) DO UPDATE SET length = $length, content = $content";
                    id = command.Parameters.Add("$id", SqliteType.Text);
                    length = command.Parameters.Add("$length", SqliteType.Integer);
                    content = command.Parameters.Add("$content", SqliteType.Blob);
                }

                id!.Value = s.JobId;
                length!.Value = answer.Length;
                content!.Value = answer.Compressed;
                command.ExecuteNonQuery();
            }
        }
        finally
        {
            command?.Dispose();
        }
    }
}
