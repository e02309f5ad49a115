using Microsoft.Data.Sqlite;

namespace Batchata;

/// <summary>
/// A run's state file, read and acted on without running the batch: its jobs by status, its cost so far, its
/// provider batches, and a cancel of those still in flight. This is what <c>batchata status</c> and
/// <c>batchata cancel</c> use.
/// </summary>
public sealed class StoredRun : IDisposable
{
    private readonly RunStore _store;
    private readonly TimeProvider _timeProvider;

    private StoredRun(RunStore store, TimeProvider timeProvider)
    {
        _store = store;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets the full path of the state file.</summary>
    public string StatePath => _store.Path;

    /// <summary>Opens a run's state file (by default <c>{resultsDir}/.batchata/state.db</c>).</summary>
    /// <param name="statePath">The state file.</param>
    /// <param name="timeProvider">The clock, or null for the system clock.</param>
    /// <returns>The stored run.</returns>
    /// <exception cref="StateStoreException">The file cannot be used (it names the file and what to do).</exception>
    public static StoredRun Open(string statePath, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statePath);
        var time = timeProvider ?? TimeProvider.System;
        return new StoredRun(RunStore.Open(statePath, time), time);
    }

    /// <summary>The state file of a results directory: <c>{resultsDir}/.batchata/state.db</c>.</summary>
    /// <param name="resultsDir">The results directory.</param>
    /// <returns>The full path of its state file.</returns>
    public static string StatePathOf(string resultsDir) => Path.GetFullPath(Path.Combine(resultsDir, ".batchata", "state.db"));

    /// <summary>Reads the jobs by status, the cost so far and the provider batches.</summary>
    /// <returns>The stored status.</returns>
    /// <exception cref="StateStoreException">The state file cannot be read (it names the file and what to do).</exception>
    public StoredRunStatus Status()
    {
        try
        {
            var all = _store.LoadAllBatches();
            return new StoredRunStatus
            {
                Jobs = _store.CountJobs(),
                CostUsd = _store.SpentUsd(),
                ProviderBatches = all.Count,
                OpenBatches = [.. all.Where(b => BatchLifecycle.IsOpen(b.Phase)).Select(ToPublic)],
            };
        }
        catch (SqliteException ex)
        {
            throw RunStore.Failed(_store.Path, ex);
        }
    }

    /// <summary>
    /// Asks the providers to cancel every batch still in flight (keys and base URLs from the environment or
    /// <c>.env</c>). When no run holds the results directory, the request is recorded in the state file; when a
    /// run does, that run sees the batches end and records it.
    /// </summary>
    /// <param name="dotEnvPath">The .env file, or null for <c>./.env</c>.</param>
    /// <param name="cancellationToken">Stops the cancel calls.</param>
    /// <returns>One outcome per batch, and the run holding the directory, if any.</returns>
    /// <exception cref="StateStoreException">The state file cannot be read or written (it names the file; a cancel already
    /// sent to a provider stands, and the next run or cancel sees the batch end).</exception>
    public async Task<StoredRunCancellation> CancelAsync(string? dotEnvPath = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CancelOpenBatchesAsync(dotEnvPath, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw RunStore.Failed(_store.Path, ex);
        }
    }

    private async Task<StoredRunCancellation> CancelOpenBatchesAsync(string? dotEnvPath, CancellationToken cancellationToken)
    {
        // One writer at a time: while a run holds the lock, only the providers are asked.
        using var runLock = RunLock.TryAcquire(_timeProvider, RunLock.PathFor(_store.Path), out var holder);
        var open = _store.LoadOpenBatches().Where(b => b.ProviderBatchId is not null).ToList();
        var outcomes = new List<BatchCancelOutcome>();
        if (open.Count == 0)
        {
            return new StoredRunCancellation(outcomes, runLock is null ? holder : null);
        }

        using var registry = new ProviderRegistry(new AnthropicOptions(), new OpenAIOptions(), new GeminiOptions(), _timeProvider, new EnvironmentSettings(dotEnvPath));
        foreach (var batch in open)
        {
            if (!registry.TryGet(batch.Provider, out var provider, out var problem))
            {
                outcomes.Add(new BatchCancelOutcome(ToPublic(batch), problem ?? "provider unavailable"));
                continue;
            }

            try
            {
                await provider.CancelBatchAsync(batch.ProviderBatchId!, cancellationToken).ConfigureAwait(false);
                if (runLock is not null)
                {
                    _store.SetBatchPhase(batch.Row, BatchPhase.Cancelling);
                }

                outcomes.Add(new BatchCancelOutcome(ToPublic(batch), null));
            }
            catch (Exception ex) when (ex is ProviderException or HttpRequestException or TimeoutException)
            {
                outcomes.Add(new BatchCancelOutcome(ToPublic(batch), ex.Message));
            }
        }

        return new StoredRunCancellation(outcomes, runLock is null ? holder : null);
    }

    /// <inheritdoc/>
    public void Dispose() => _store.Dispose();

    private static StoredProviderBatch ToPublic(StoredBatch b) => new(b.Provider, b.ProviderBatchId, b.Model, b.Phase, b.JobIds.Count, b.CreatedAt);
}

/// <summary>A run's stored status: jobs by status, cost so far, provider batches.</summary>
public sealed class StoredRunStatus
{
    /// <summary>Gets the number of jobs in each status.</summary>
    public required IReadOnlyDictionary<JobStatus, int> Jobs { get; init; }

    /// <summary>Gets the number of jobs.</summary>
    public int TotalJobs => Jobs.Values.Sum();

    /// <summary>Gets the cost settled so far in USD, at batch prices.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the number of provider batches the run created (or meant to).</summary>
    public int ProviderBatches { get; init; }

    /// <summary>Gets the provider batches still open: being created, in flight or cancelling.</summary>
    public required IReadOnlyList<StoredProviderBatch> OpenBatches { get; init; }
}

/// <summary>A provider batch as the state file records it.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="BatchId">The provider's batch id, or null when its create was never confirmed.</param>
/// <param name="Model">The model.</param>
/// <param name="Phase">Where the batch is in its life.</param>
/// <param name="Jobs">The number of jobs in it.</param>
/// <param name="CreatedAt">When the batch was recorded.</param>
public sealed record StoredProviderBatch(string Provider, string? BatchId, string Model, BatchPhase Phase, int Jobs, DateTimeOffset CreatedAt);

/// <summary>What a cancel did to one provider batch.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Error">Why it was not cancelled, or null when the cancel was sent.</param>
public sealed record BatchCancelOutcome(StoredProviderBatch Batch, string? Error)
{
    /// <summary>Gets a value indicating whether the cancel was sent.</summary>
    public bool Cancelled => Error is null;
}

/// <summary>The outcome of <see cref="StoredRun.CancelAsync"/>.</summary>
/// <param name="Batches">One outcome per batch in flight.</param>
/// <param name="RunInProgress">Who holds the results directory (a run still polling the batches), or null.</param>
public sealed record StoredRunCancellation(IReadOnlyList<BatchCancelOutcome> Batches, string? RunInProgress);
