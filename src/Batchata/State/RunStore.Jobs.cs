using Microsoft.Data.Sqlite;

namespace Batchata;

internal sealed partial class RunStore
{
    /// <summary>
    /// Loads every job of the run, in the order they were added: its status and the few facts planning needs,
    /// not its definition (that stays in the file until the request is encoded; see <see cref="LoadDefinition"/>).
    /// </summary>
    public List<StoredJob> LoadJobs()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT id, status, batch_row, attempts, error, failure_kind, cost_usd, input_tokens, output_tokens,
                    json_extract(definition, '$.model'), json_extract(definition, '$.estimated_input_tokens'),
                    json_extract(definition, '$.max_tokens'), json_extract(definition, '$.response_type'),
                    json_type(definition, '$.response_schema') IS NOT NULL
                FROM jobs ORDER BY seq
                """;
            var jobs = new List<StoredJob>();
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var id = reader.GetString(0);
                    jobs.Add(new StoredJob(
                        id,
                        Enum.Parse<JobStatus>(reader.GetString(1)),
                        reader.IsDBNull(2) ? null : reader.GetInt64(2),
                        reader.GetInt32(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        Enum.Parse<JobFailureKind>(reader.GetString(5)),
                        Money(reader.GetString(6)),
                        reader.GetInt64(7),
                        reader.GetInt64(8))
                    {
                        Model = reader.IsDBNull(9) ? throw Corrupt(Path, $"the definition of job '{id}' has no model") : reader.GetString(9),
                        EstimatedInputTokens = reader.IsDBNull(10) ? 0 : reader.GetInt64(10),
                        MaxTokens = reader.IsDBNull(11) ? throw Corrupt(Path, $"the definition of job '{id}' has no max_tokens") : reader.GetInt32(11),
                        ResponseTypeName = reader.IsDBNull(12) ? null : reader.GetString(12),
                        HasSchema = reader.GetBoolean(13),
                    });
                }
            }
            catch (SqliteException ex) when (ex.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase))
            {
                throw Corrupt(Path, $"a job definition does not parse ({ex.Message})", ex);
            }

            return jobs;
        }
    }

    /// <summary>Loads one job's full definition (to encode its request, or to parse a structured answer).</summary>
    /// <exception cref="StateStoreException">The job is missing or its definition does not parse.</exception>
    public JobRequest LoadDefinition(string id)
    {
        lock (_gate)
        {
            _definitionQuery ??= PrepareDefinitionQuery();
            _definitionId!.Value = id;
            using var reader = _definitionQuery.ExecuteReader();
            if (!reader.Read())
            {
                throw Corrupt(Path, $"job '{id}' has no definition");
            }

            try
            {
                return StateSerializer.Deserialize(reader.GetString(0));
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw Corrupt(Path, $"the definition of job '{id}' does not parse ({ex.Message})", ex);
            }
        }
    }

    /// <summary>Adds new pending jobs in one transaction.</summary>
    public void InsertJobs(IReadOnlyCollection<JobRequest> jobs)
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

    private SqliteCommand PrepareDefinitionQuery()
    {
        var command = _connection.CreateCommand();
        command.CommandText = "SELECT definition FROM jobs WHERE id = $id";
        _definitionId = command.Parameters.Add("$id", SqliteType.Text);
        command.Prepare();
        return command;
    }
}
