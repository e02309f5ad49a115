using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Batchata;

internal sealed partial class RunStore
{
    /// <summary>The stored fingerprints of those of <paramref name="ids"/> the file has (null where unknown: stored before fingerprints were kept and its file gone).</summary>
    public Dictionary<string, (string? Fingerprint, string? ResultPath, long? BatchRow)> StoredFingerprints(IReadOnlyList<string> ids)
    {
        var found = new Dictionary<string, (string?, string?, long?)>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return found;
        }

        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            var sql = new StringBuilder("SELECT id, fingerprint, result_path, batch_row FROM jobs WHERE id IN (");
            for (var i = 0; i < ids.Count; i++)
            {
                sql.Append(i == 0 ? "" : ",").Append("$p").Append(i.ToString(CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
            }

            command.CommandText = sql.Append(')').ToString();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found[reader.GetString(0)] = (
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3));
            }
        }

        return found;
    }

    /// <summary>
    /// Replaces the definitions of changed jobs and makes them pending again, in one transaction. What their old
    /// versions cost stays spent (kept in <c>superseded_usd</c>, which <see cref="SpentUsd"/> includes).
    /// </summary>
    public void ReplaceJobs(IReadOnlyList<SpooledJob> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var superseded = 0m;
            using (var cost = _connection.CreateCommand())
            {
                cost.Transaction = transaction;
                cost.CommandText = "SELECT cost_usd FROM jobs WHERE id = $id";
                var costId = cost.Parameters.Add("$id", SqliteType.Text);
                foreach (var job in jobs)
                {
                    costId.Value = job.Job.Id;
                    superseded += cost.ExecuteScalar() is string text ? Money(text) : 0m;
                }
            }

            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE jobs SET definition = $def, fingerprint = $fingerprint, provider = $provider, model = $model,
                    estimated_input_tokens = $estimate, max_tokens = $max, response_type = $type, has_schema = $schema,
                    status = 'Pending', batch_row = NULL, attempts = 0, error = NULL, failure_kind = 'None', cost_usd = '0',
                    input_tokens = 0, output_tokens = 0, result_path = NULL
                WHERE id = $id
                """;
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var definition = command.Parameters.Add("$def", SqliteType.Text);
            var fingerprint = command.Parameters.Add("$fingerprint", SqliteType.Text);
            var provider = command.Parameters.Add("$provider", SqliteType.Text);
            var model = command.Parameters.Add("$model", SqliteType.Text);
            var estimate = command.Parameters.Add("$estimate", SqliteType.Integer);
            var max = command.Parameters.Add("$max", SqliteType.Integer);
            var type = command.Parameters.Add("$type", SqliteType.Text);
            var schema = command.Parameters.Add("$schema", SqliteType.Integer);
            foreach (var (job, json) in jobs)
            {
                id.Value = job.Id;
                definition.Value = json;
                fingerprint.Value = (object?)job.Fingerprint ?? DBNull.Value;
                provider.Value = job.Provider;
                model.Value = job.Model;
                estimate.Value = job.EstimatedInputTokens;
                max.Value = job.MaxTokens;
                type.Value = (object?)job.ResponseTypeName ?? DBNull.Value;
                schema.Value = job.ResponseSchema is null ? 0 : 1;
                command.ExecuteNonQuery();
            }

            if (superseded != 0)
            {
                using var meta = _connection.CreateCommand();
                meta.Transaction = transaction;
                meta.CommandText = "INSERT INTO meta(key, value) VALUES ('superseded_usd', $v) ON CONFLICT(key) DO UPDATE SET value = $v";
                meta.Parameters.AddWithValue("$v", Money(SupersededUsd(transaction) + superseded));
                meta.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>What replaced (rerun) versions of changed jobs had cost: still spent.</summary>
    private decimal SupersededUsd(SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM meta WHERE key = 'superseded_usd'";
        return command.ExecuteScalar() is string text ? Money(text) : 0m;
    }
}
