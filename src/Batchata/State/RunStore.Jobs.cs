using Microsoft.Data.Sqlite;

namespace Batchata;

internal sealed partial class RunStore
{
    /// <summary>Loads every job of the run, in the order they were added.</summary>
    public List<StoredJob> LoadJobs()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, definition, status, batch_row, attempts, error, failure_kind, cost_usd, input_tokens, output_tokens FROM jobs ORDER BY seq";
            using var reader = command.ExecuteReader();
            var jobs = new List<StoredJob>();
            while (reader.Read())
            {
                JobRequest request;
                try
                {
                    request = StateSerializer.Deserialize(reader.GetString(1));
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw Corrupt(Path, $"the definition of job '{reader.GetString(0)}' does not parse ({ex.Message})", ex);
                }

                jobs.Add(new StoredJob(
                    reader.GetString(0),
                    request,
                    Enum.Parse<JobStatus>(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3),
                    reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    Enum.Parse<JobFailureKind>(reader.GetString(6)),
                    Money(reader.GetString(7)),
                    reader.GetInt64(8),
                    reader.GetInt64(9)));
            }

            return jobs;
        }
    }

    /// <summary>Adds new pending jobs in one transaction.</summary>
    public void InsertJobs(IReadOnlyList<JobRequest> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var seqCommand = _connection.CreateCommand();
            seqCommand.Transaction = transaction;
            seqCommand.CommandText = "SELECT coalesce(max(seq), 0) FROM jobs";
            var seq = Convert.ToInt64(seqCommand.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO jobs(id, seq, definition, status) VALUES ($id, $seq, $def, 'Pending')";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var seqParameter = command.Parameters.Add("$seq", SqliteType.Integer);
            var definition = command.Parameters.Add("$def", SqliteType.Text);
            command.Prepare();
            foreach (var job in jobs)
            {
                id.Value = job.Id;
                seqParameter.Value = ++seq;
                definition.Value = StateSerializer.Serialize(job);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>Writes the outcome (or reset) of many jobs in one transaction.</summary>
    public void SettleJobs(IReadOnlyList<JobSettlement> settlements)
    {
        if (settlements.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE jobs SET status = $status, error = $error, failure_kind = $kind, cost_usd = $cost,
                    input_tokens = $in, output_tokens = $out, result_path = $path,
                    attempts = attempts + $attempt, batch_row = CASE WHEN $status = 'Pending' THEN NULL ELSE batch_row END
                WHERE id = $id
                """;
            var status = command.Parameters.Add("$status", SqliteType.Text);
            var error = command.Parameters.Add("$error", SqliteType.Text);
            var kind = command.Parameters.Add("$kind", SqliteType.Text);
            var cost = command.Parameters.Add("$cost", SqliteType.Text);
            var input = command.Parameters.Add("$in", SqliteType.Integer);
            var output = command.Parameters.Add("$out", SqliteType.Integer);
            var path = command.Parameters.Add("$path", SqliteType.Text);
            var attempt = command.Parameters.Add("$attempt", SqliteType.Integer);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            command.Prepare();
            foreach (var s in settlements)
            {
                status.Value = s.Status.ToString();
                error.Value = (object?)s.Error ?? DBNull.Value;
                kind.Value = s.FailureKind.ToString();
                cost.Value = Money(s.CostUsd);
                input.Value = s.InputTokens;
                output.Value = s.OutputTokens;
                path.Value = (object?)s.ResultPath ?? DBNull.Value;
                attempt.Value = s.CountAttempt ? 1 : 0;
                id.Value = s.JobId;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>The money spent so far: the actual cost of settled jobs.</summary>
    public decimal SpentUsd()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT cost_usd FROM jobs WHERE cost_usd <> '0'";
            using var reader = command.ExecuteReader();
            var total = 0m;
            while (reader.Read())
            {
                total += Money(reader.GetString(0));
            }

            return total;
        }
    }
}
