using Microsoft.Extensions.Logging;

namespace Batchata;

/// <summary>
/// Builds a run of many LLM jobs through the providers' batch APIs: add jobs, set limits, then
/// <see cref="RunAsync"/>. Jobs are validated when added, so a bad job fails before anything is paid for.
/// </summary>
/// <remarks>
/// Configure providers (<see cref="UseAnthropic"/>, ...) and the catalog before adding jobs. Not thread-safe.
/// Dispose the batch (<c>await using</c>) to release the temporary job spool and the HTTP client it created;
/// a <see cref="BatchRun"/> it returned stays usable.
/// </remarks>
public sealed partial class Batch : IAsyncDisposable, IDisposable
{
    private readonly JobSpool _spool = new();
    private readonly AnthropicOptions _anthropic = new();
    private readonly OpenAIOptions _openAI = new();
    private readonly GeminiOptions _gemini = new();
    private ProviderRegistry? _registry;
    private ModelCatalog _catalog = ModelCatalog.Default;
    private TimeProvider _timeProvider = TimeProvider.System;
    private readonly BatchLogging _logging = new();
    private readonly RunWarnings _warnings = new();
    private readonly ResultFeed _feed = new();
    private string? _defaultModel;
    private int? _defaultMaxTokens;
    private double? _defaultTemperature;
    private bool _used;
    private object? _tokenizerHold; // keeps the shared tokenizer while jobs are added (see TokenEstimator.Hold)
    private bool _disposed;

    /// <summary>Gets a value indicating whether this batch keeps the shared tokenizer alive (tests).</summary>
    internal bool HoldsTokenizer => _tokenizerHold is not null;

    /// <summary>Initializes a new instance of the <see cref="Batch"/> class.</summary>
    /// <param name="resultsDir">The directory that receives one <c>{jobId}.json</c> per job (created if needed; never emptied).</param>
    /// <param name="maxParallelBatches">The most provider batches in flight at once, per provider.</param>
    /// <param name="itemsPerBatch">The most jobs per provider batch, or null for automatic: as few batches as the provider's caps allow (Anthropic 100,000 requests, OpenAI 50,000 lines, and their byte limits), so that every job is in flight at once whenever the caps allow it.</param>
    /// <exception cref="ArgumentException">An argument is out of range.</exception>
    public Batch(string resultsDir, int maxParallelBatches = 10, int? itemsPerBatch = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDir);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelBatches, 1);
        if (itemsPerBatch is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(itemsPerBatch), itemsPerBatch, "itemsPerBatch must be at least 1, or null for automatic.");
        }

        ResultsDir = Path.GetFullPath(resultsDir);
        MaxParallelBatches = maxParallelBatches;
        ItemsPerBatch = itemsPerBatch;
    }

    /// <summary>Gets the results directory (absolute).</summary>
    public string ResultsDir { get; }

    /// <summary>Gets the most provider batches in flight at once, per provider.</summary>
    public int MaxParallelBatches { get; }

    /// <summary>Gets the most jobs per provider batch, or null for automatic.</summary>
    public int? ItemsPerBatch { get; }

    /// <summary>Gets the number of jobs added.</summary>
    public int Count => _spool.Count;

    /// <summary>Gets the ids of the jobs added, in order.</summary>
    public IReadOnlyList<string> JobIds => [.. _spool.Ids];

    /// <summary>The validated job definitions, read back from the spool (for tests and tools).</summary>
    internal IReadOnlyList<JobRequest> JobsForTesting => [.. _spool.Read()];

    /// <summary>The temporary job spool's path while it is open, for tests.</summary>
    internal string? SpoolFileForTesting => _spool.FilePath;

    /// <summary>Gets the state file, or null for the default <c>{resultsDir}/.batchata/state.db</c>.</summary>
    public string? StateFile { get; private set; }

    /// <summary>Gets a value indicating whether an existing state file is resumed (true) or kept aside for a fresh run (false).</summary>
    public bool ReuseState { get; private set; } = true;

    /// <summary>Gets the cost limit in USD, or null.</summary>
    public decimal? CostLimitUsd { get; private set; }

    /// <summary>Gets the time limit, or null.</summary>
    public TimeSpan? TimeLimit { get; private set; }

    /// <summary>
    /// Gets the floor set by <see cref="SetVerbosity"/>, or null (the default) to let the logger factory's own filters
    /// decide which messages appear.
    /// </summary>
    public LogLevel? Verbosity => _logging.Minimum;

    /// <summary>Gets a value indicating whether raw request and response files are written under <c>raw_files/</c>.</summary>
    public bool RawFilesEnabled { get; private set; }

    /// <summary>Gets a value indicating whether jobs that failed in an earlier run are submitted again on resume.</summary>
    public bool RetryFailedJobs { get; private set; }

    /// <summary>Gets how many times a job is submitted when it fails with a retryable error (overloaded, rate limited, expired).</summary>
    public int MaxAttempts { get; private set; } = 3;

    /// <summary>Gets how long to wait for cancelled provider batches to return their partial results when stopping.</summary>
    public TimeSpan CancelGracePeriod { get; private set; } = TimeSpan.FromMinutes(2);

    /// <summary>Sets the state file and whether to resume it.</summary>
    /// <param name="file">The SQLite state file, or null for <c>{resultsDir}/.batchata/state.db</c>.</param>
    /// <param name="reuseState">True to resume; false to keep the old file aside (renamed, never deleted) and start fresh.</param>
    /// <returns>This batch.</returns>
    public Batch SetState(string? file = null, bool reuseState = true)
    {
        EnsureNotRun();
        StateFile = file is null ? null : Path.GetFullPath(file);
        ReuseState = reuseState;
        return this;
    }

    /// <summary>Sets the defaults used by jobs that do not set their own.</summary>
    /// <param name="model">The model id or alias.</param>
    /// <param name="maxTokens">The maximum output tokens (default 1024).</param>
    /// <param name="temperature">The temperature, or null for the provider's default.</param>
    /// <returns>This batch.</returns>
    /// <exception cref="BatchValidationException">The model is unknown or retired, or a value is out of range.</exception>
    public Batch SetDefaultParams(string? model = null, int? maxTokens = null, double? temperature = null)
    {
        EnsureNotRun();
        if (model is not null)
        {
            _catalog.Resolve(model, Today, out _);
            _defaultModel = model;
        }

        if (maxTokens is not null)
        {
            JobFactory.CheckMaxTokens(null, maxTokens.Value);
            _defaultMaxTokens = maxTokens;
        }

        if (temperature is not null)
        {
            JobFactory.CheckTemperature(null, temperature.Value);
            _defaultTemperature = temperature;
        }

        return this;
    }

    /// <summary>Caps the run's cost. Jobs whose worst-case cost does not fit are failed with "Cost limit exceeded" and never submitted.</summary>
    /// <param name="usd">The limit in USD (positive).</param>
    /// <returns>This batch.</returns>
    /// <exception cref="BatchValidationException"><paramref name="usd"/> is not positive.</exception>
    public Batch AddCostLimit(decimal usd)
    {
        EnsureNotRun();
        if (usd <= 0)
        {
            throw new BatchValidationException($"The cost limit must be positive (got {usd} USD). Remove the limit or set a positive amount.");
        }

        CostLimitUsd = usd;
        return this;
    }

    /// <summary>Caps the run's duration (10 seconds to 24 hours). When it runs out, provider batches are cancelled, partial results kept and the rest failed with "Time limit exceeded".</summary>
    /// <param name="seconds">Seconds.</param>
    /// <param name="minutes">Minutes.</param>
    /// <param name="hours">Hours.</param>
    /// <returns>This batch.</returns>
    /// <exception cref="BatchValidationException">The total is outside 10 s to 24 h.</exception>
    public Batch AddTimeLimit(double seconds = 0, double minutes = 0, double hours = 0)
    {
        EnsureNotRun();
        var total = TimeSpan.FromSeconds(seconds + (minutes * 60) + (hours * 3600));
        if (total < TimeSpan.FromSeconds(10) || total > TimeSpan.FromHours(24))
        {
            throw new BatchValidationException($"The time limit must be between 10 seconds and 24 hours (got {total}).");
        }

        TimeLimit = total;
        return this;
    }

    /// <summary>
    /// Sets a floor on Batchata's log messages: debug, info, warn or error (the Python API's verbosity). It applies on
    /// top of the logger factory's filters, which decide on their own when this is not called.
    /// </summary>
    /// <param name="level">The level name (case-insensitive).</param>
    /// <returns>This batch.</returns>
    /// <exception cref="BatchValidationException">The level is not one of the four.</exception>
    public Batch SetVerbosity(string level)
    {
        _logging.Minimum = level?.Trim().ToLowerInvariant() switch
        {
            "debug" => LogLevel.Debug,
            "info" => LogLevel.Information,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => throw new BatchValidationException($"Invalid verbosity '{level}': use debug, info, warn or error."),
        };
        return this;
    }

    /// <summary>Turns raw request/response files under <c>{resultsDir}/raw_files/</c> on or off.</summary>
    /// <param name="enabled">True to write them.</param>
    /// <returns>This batch.</returns>
    public Batch RawFiles(bool enabled = true)
    {
        RawFilesEnabled = enabled;
        return this;
    }

    /// <summary>Gets whether jobs whose definition changed since they were stored are resubmitted (see <see cref="RerunChanged"/>).</summary>
    public bool RerunChangedJobs { get; private set; }

    /// <summary>
    /// On resume, resubmits the jobs whose definition changed since the state file stored them (same id, different
    /// model, messages, file content, parameters or schema). Without it such a run refuses before submitting anything.
    /// Each old result file is kept in <c>.batchata/replaced/</c>, never deleted; unchanged jobs resume as usual.
    /// </summary>
    /// <returns>This batch.</returns>
    public Batch RerunChanged()
    {
        RerunChangedJobs = true;
        return this;
    }

    /// <summary>On resume, submits again the jobs that failed in an earlier run.</summary>
    /// <returns>This batch.</returns>
    public Batch RetryFailed()
    {
        RetryFailedJobs = true;
        return this;
    }

    /// <summary>Sets how many times a job is submitted when it fails with a retryable per-request error.</summary>
    /// <param name="maxAttempts">1 to 10; 1 disables resubmission.</param>
    /// <returns>This batch.</returns>
    public Batch SetRetryPolicy(int maxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxAttempts, 10);
        MaxAttempts = maxAttempts;
        return this;
    }

    /// <summary>Sets how long a stop waits for cancelled provider batches to return their partial results.</summary>
    /// <param name="grace">The grace period (at least zero).</param>
    /// <returns>This batch.</returns>
    public Batch SetCancelGracePeriod(TimeSpan grace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        CancelGracePeriod = grace;
        return this;
    }

    /// <summary>
    /// Sets how long one HTTP attempt to a provider may take (upload and the answer's headers; result downloads are
    /// also cut when no data comes for this long, at most 2 minutes). An attempt that outlasts it is retried where that
    /// is safe. <value>The default value is 5 minutes.</value>
    /// </summary>
    /// <param name="timeout">The per-attempt timeout (1 second to 1 hour).</param>
    /// <returns>This batch.</returns>
    public Batch SetRequestTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, TimeSpan.FromHours(1));
        EnsureNoProvidersYet();
        Retry = Retry with { AttemptTimeout = timeout, ReadIdleTimeout = timeout < TimeSpan.FromMinutes(2) ? timeout : TimeSpan.FromMinutes(2) };
        return this;
    }

    /// <summary>Releases the temporary job spool and the HTTP client the batch created (not one it was given).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _feed.Complete();
        _spool.Dispose();
        _registry?.Dispose();
    }

    /// <summary>Releases the temporary job spool and the HTTP client the batch created (not one it was given).</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private DateOnly Today => DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);

    private void EnsureNotRun()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_used)
        {
            throw new InvalidOperationException("This batch has already been run; create a new Batch (state is resumed from the results directory).");
        }
    }
}
