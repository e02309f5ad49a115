using System.Globalization;

namespace Batchata;

internal sealed partial class RunStore
{
    /// <summary>Records the intent to create a provider batch (before the create call) and marks its jobs running.</summary>
    public long RecordBatchIntent(string tag, string provider, string model, IReadOnlyList<string> jobIds, decimal reservedUsd, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO batches(tag, provider, model, status, job_ids, job_count, created_at, reserved_usd)
                VALUES ($tag, $provider, $model, $phase, $ids, $count, $at, $reserved) RETURNING row
                """;
            insert.Parameters.AddWithValue("$phase", nameof(BatchPhase.Creating));
            insert.Parameters.AddWithValue("$tag", tag);
            insert.Parameters.AddWithValue("$provider", provider);
            insert.Parameters.AddWithValue("$model", model);
            insert.Parameters.AddWithValue("$ids", StateSerializer.SerializeIds(jobIds));
            insert.Parameters.AddWithValue("$count", jobIds.Count);
            insert.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$reserved", Money(reservedUsd));
            var row = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);

            using var update = _connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE jobs SET status = 'Running', batch_row = $row WHERE id = $id";
            update.Parameters.AddWithValue("$row", row);
            var id = update.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
            update.Prepare();
            foreach (var jobId in jobIds)
            {
                id.Value = jobId;
                update.ExecuteNonQuery();
            }

            transaction.Commit();
            return row;
        }
    }

    /// <summary>Records the provider's batch id right after the create call, before any polling.</summary>
    public void RecordBatchSubmitted(long row, string providerBatchId)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE batches SET provider_batch_id = $id, status = $phase WHERE row = $row";
            command.Parameters.AddWithValue("$phase", nameof(BatchPhase.InFlight));
            command.Parameters.AddWithValue("$id", providerBatchId);
            command.Parameters.AddWithValue("$row", row);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Records a batch's phase; a batch that is no longer open also gets its reservation released.</summary>
    public void SetBatchPhase(long row, BatchPhase phase, DateTimeOffset? endedAt = null)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = !BatchLifecycle.IsOpen(phase)
                ? "UPDATE batches SET status = $status, reserved_usd = '0', ended_at = $at WHERE row = $row"
                : "UPDATE batches SET status = $status WHERE row = $row";
            command.Parameters.AddWithValue("$status", phase.ToString());
            command.Parameters.AddWithValue("$at", (endedAt ?? DateTimeOffset.MinValue).ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$row", row);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Loads the batches that are still open (<see cref="BatchLifecycle.IsOpen"/>): being created, in flight or cancelling.</summary>
    public List<StoredBatch> LoadOpenBatches() => LoadBatches($"WHERE status IN ({string.Join(", ", BatchLifecycle.OpenPhases.Select(p => $"'{p}'"))})");

    /// <summary>Loads every batch of the run.</summary>
    public List<StoredBatch> LoadAllBatches() => LoadBatches("");

    /// <summary>
    /// The provider batch ids recorded for a provider: what a create's reconciliation must not adopt. Read alone, not
    /// with the batches' job ids (a 1,000,000-job run records megabytes of those, and every create asks).
    /// </summary>
    public HashSet<string> ProviderBatchIds(string provider)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT provider_batch_id FROM batches WHERE provider = $provider AND provider_batch_id IS NOT NULL";
            command.Parameters.AddWithValue("$provider", provider);
            using var reader = command.ExecuteReader();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
    }

    /// <summary>The provider's id of a recorded batch, or null when it was never created (or is unknown).</summary>
    public string? ProviderBatchIdOf(long row)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT provider_batch_id FROM batches WHERE row = $row";
            command.Parameters.AddWithValue("$row", row);
            return command.ExecuteScalar() as string;
        }
    }

    /// <summary>The next free chunk number for batch tags.</summary>
    public int NextChunkNumber()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM batches";
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    private List<StoredBatch> LoadBatches(string where)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT row, tag, provider, model, provider_batch_id, status, job_ids, created_at, reserved_usd FROM batches {where} ORDER BY row";
            using var reader = command.ExecuteReader();
            var batches = new List<StoredBatch>();
            while (reader.Read())
            {
                batches.Add(new StoredBatch(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    BatchLifecycle.FromStored(reader.GetString(5)),
                    StateSerializer.DeserializeIds(reader.GetString(6)),
                    DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                    Money(reader.GetString(8))));
            }

            return batches;
        }
    }
}
