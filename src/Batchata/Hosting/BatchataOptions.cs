namespace Batchata;

/// <summary>
/// The settings of the batches made by <see cref="IBatchFactory"/>, bound from configuration by
/// <c>services.AddBatchata(configuration.GetSection("Batchata"))</c> (keys such as <c>Batchata:ResultsDir</c>,
/// <c>Batchata:CostLimitUsd</c>, <c>Batchata:Anthropic:ApiKey</c>, <c>Batchata:OpenAI:BaseUrl</c>).
/// Unset keys and URLs fall back to the environment, as for <c>new Batch(...)</c>.
/// </summary>
public sealed class BatchataOptions
{
    /// <summary>Gets or sets the results directory of batches created without one. <value>The default value is <c>batchata-output</c>.</value></summary>
    public string ResultsDir { get; set; } = "batchata-output";

    /// <summary>Gets or sets the most provider batches in flight at once, per provider. <value>The default value is 10.</value></summary>
    public int MaxParallelBatches { get; set; } = 10;

    /// <summary>Gets or sets the most jobs in flight at once over all providers, the run's memory budget (see <see cref="Batch.SetMaxJobsInFlight"/>). <value>The default value is <see cref="Batch.DefaultMaxJobsInFlight"/>.</value></summary>
    public int MaxJobsInFlight { get; set; } = Batch.DefaultMaxJobsInFlight;

    /// <summary>Gets or sets the most jobs per provider batch, or null for automatic.</summary>
    public int? ItemsPerBatch { get; set; }

    /// <summary>Gets or sets the cost limit in USD, or null for none.</summary>
    public decimal? CostLimitUsd { get; set; }

    /// <summary>Gets or sets the time limit (10 s to 24 h), or null for none.</summary>
    public TimeSpan? TimeLimit { get; set; }

    /// <summary>Gets or sets the default model of jobs that name none.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Gets or sets the default maximum output tokens.</summary>
    public int? DefaultMaxTokens { get; set; }

    /// <summary>Gets or sets the Anthropic settings.</summary>
    public BatchataProviderOptions Anthropic { get; set; } = new();

    /// <summary>Gets or sets the OpenAI settings (the base URL includes <c>/v1</c>).</summary>
    public BatchataProviderOptions OpenAI { get; set; } = new();

    /// <summary>Gets or sets the Gemini settings.</summary>
    public BatchataProviderOptions Gemini { get; set; } = new();
}

/// <summary>One provider's settings in <see cref="BatchataOptions"/>.</summary>
public sealed class BatchataProviderOptions
{
    /// <summary>Gets or sets the API key, or null for the provider's environment variable. Keep it in a secret store, not in a file.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the API root, or null for the provider's environment variable or public URL.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets how often running batches are polled, or null for the provider's default.</summary>
    public TimeSpan? PollInterval { get; set; }
}
