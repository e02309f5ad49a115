using Microsoft.Data.Sqlite;

namespace Batchata;

internal sealed partial class RunStore
{
    private const string JobColumns = "id, status, batch_row, attempts, error, failure_kind, cost_usd, input_tokens, output_tokens, model, estimated_input_tokens, max_tokens, response_type, has_schema";

    /// <summary>
    /// Loads every job of the run, in the order they were added: its status and the few facts planning needs,
    /// not its definition (that stays in the file until the request is encoded; see <see cref="LoadDefinition"/>).
    /// </summary>
    public List<StoredJob> LoadJobs()
    {
        var jobs = new List<StoredJob>();
        ForEachJob(jobs.Add);
        return jobs;
    }

    /// <summary>Streams every job of the run, in the order they were added, without holding them (resume of a large run).</summary>
    /// <param name="visit">Called for each job; it must not use this store.</param>
    public void ForEachJob(Action<StoredJob> visit)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {JobColumns} FROM jobs ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                visit(ReadJob(reader));
            }
        }
    }

    /// <summary>The number of jobs in each status.</summary>
    public Dictionary<JobStatus, int> CountJobs()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT status, count(*) FROM jobs GROUP BY status";
            using var reader = command.ExecuteReader();
            var counts = Enum.GetValues<JobStatus>().ToDictionary(s => s, _ => 0);
            while (reader.Read())
            {
                counts[Enum.Parse<JobStatus>(reader.GetString(0))] = reader.GetInt32(1);
            }

            return counts;
        }
    }

    /// <summary>Loads one job's row, or null when the file does not have it.</summary>
    public StoredJob? TryLoadJob(string id)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {JobColumns} FROM jobs WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadJob(reader) : null;
        }
    }

    /// <summary>The ids of every job, in the order they were added.</summary>
    public List<string> JobIds()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id FROM jobs ORDER BY seq";
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
    }

    /// <summary>The (provider, model) pairs that have pending jobs, with their counts, in the order of their first job.</summary>
    public List<(string Provider, string Model, int Count)> PendingGroups()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT provider, model, count(*), min(seq) AS first FROM jobs WHERE status = 'Pending' GROUP BY provider, model ORDER BY first";
            using var reader = command.ExecuteReader();
            var groups = new List<(string, string, int)>();
            while (reader.Read())
            {
                groups.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }

            return groups;
        }
    }

    /// <summary>
    /// The next pending jobs of a provider (and model, when given) after <paramref name="afterSeq"/>, in order, with
    /// their definitions: the engine pages through them a batch at a time.
    /// </summary>
    public List<PendingJob> LoadPending(string provider, string? model, long afterSeq, int limit)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT seq, definition, attempts FROM jobs
                WHERE provider = $provider AND status = 'Pending' AND seq > $after AND ($model IS NULL OR model = $model)
                ORDER BY seq LIMIT $limit
                """;
            command.Parameters.AddWithValue("$provider", provider);
            command.Parameters.AddWithValue("$model", (object?)model ?? DBNull.Value);
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var jobs = new List<PendingJob>();
            while (reader.Read())
            {
                JobRequest definition;
                try
                {
                    definition = StateSerializer.Deserialize(reader.GetString(1));
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw Corrupt(Path, $"the definition of a job (seq {reader.GetInt64(0)}) does not parse ({ex.Message})", ex);
                }

                jobs.Add(new PendingJob(reader.GetInt64(0), definition, reader.GetInt32(2)));
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

    /// <summary>Adds new pending jobs in one transaction; jobs whose id the file already has are left as they are.</summary>
    /// <returns>The number of jobs added.</returns>
    public int InsertJobs(IReadOnlyCollection<JobRequest> jobs)
        => InsertJobs(jobs.Select(j => new SpooledJob(j, StateSerializer.Serialize(j))).ToList());

    /// <summary>Adds new pending jobs, whose definitions are already serialized, in one transaction; jobs whose id the file already has are left as they are.</summary>
    /// <returns>The number of jobs added.</returns>
    public int InsertJobs(IReadOnlyCollection<SpooledJob> jobs)
    {
        if (jobs.Count == 0)
        {
            return 0;
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
            command.CommandText = """
                INSERT INTO jobs(id, seq, definition, status, provider, model, estimated_input_tokens, max_tokens, response_type, has_schema, fingerprint)
                VALUES ($id, $seq, $def, 'Pending', $provider, $model, $estimate, $max, $type, $schema, $fingerprint)
                ON CONFLICT(id) DO NOTHING
                """;
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var seqParameter = command.Parameters.Add("$seq", SqliteType.Integer);
            var definition = command.Parameters.Add("$def", SqliteType.Text);
            var provider = command.Parameters.Add("$provider", SqliteType.Text);
            var model = command.Parameters.Add("$model", SqliteType.Text);
            var estimate = command.Parameters.Add("$estimate", SqliteType.Integer);
            var max = command.Parameters.Add("$max", SqliteType.Integer);
            var type = command.Parameters.Add("$type", SqliteType.Text);
            var schema = command.Parameters.Add("$schema", SqliteType.Integer);
            var fingerprint = command.Parameters.Add("$fingerprint", SqliteType.Text);
            command.Prepare();
            var added = 0;
            foreach (var (job, json) in jobs)
            {
                id.Value = job.Id;
                seqParameter.Value = ++seq;
                definition.Value = json;
                provider.Value = job.Provider;
                model.Value = job.Model;
                estimate.Value = job.EstimatedInputTokens;
                max.Value = job.MaxTokens;
                type.Value = (object?)job.ResponseTypeName ?? DBNull.Value;
                schema.Value = job.ResponseSchema is null ? 0 : 1;
                fingerprint.Value = (object?)job.Fingerprint ?? DBNull.Value;
                added += command.ExecuteNonQuery();
            }

            transaction.Commit();
            return added;
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

            SaveAnswers(settlements, _connection, transaction);
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
            var total = SupersededUsd();
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

    private static StoredJob ReadJob(SqliteDataReader reader) => new(
        reader.GetString(0),
        Enum.Parse<JobStatus>(reader.GetString(1)),
        reader.IsDBNull(2) ? null : reader.GetInt64(2),
        reader.GetInt32(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        Enum.Parse<JobFailureKind>(reader.GetString(5)),
        Money(reader.GetString(6)),
        reader.GetInt64(7),
        reader.GetInt64(8))
    {
        Model = reader.GetString(9),
        EstimatedInputTokens = reader.GetInt64(10),
        MaxTokens = reader.GetInt32(11),
        ResponseTypeName = reader.IsDBNull(12) ? null : reader.GetString(12),
        HasSchema = reader.GetBoolean(13),
    };
}
