namespace Batchata;

/// <summary>Settings of the OpenAI Batch provider. Unset values come from the environment (or a .env file).</summary>
public sealed class OpenAIOptions
{
    /// <summary>Gets or sets the API key. <value>The default value is the <c>OPENAI_API_KEY</c> environment variable.</value></summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the API base including <c>/v1</c>. <value>The default value is <c>OPENAI_BASE_URL</c>, else <c>https://api.openai.com/v1</c>.</value></summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the organization header, if any.</summary>
    public string? Organization { get; set; }

    /// <summary>Gets or sets the project header, if any.</summary>
    public string? Project { get; set; }

    /// <summary>
    /// Gets or sets a fixed interval for polling this provider's batches (<see cref="Batch.SetPollInterval"/> sets it
    /// for every provider and wins). <value>The default value is <see langword="null"/>: adaptive, about every second
    /// at first, backing off to about a minute as a batch runs longer.</value>
    /// </summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Gets or sets the HTTP client to use (its timeout should be infinite). <value>The default value is null: Batchata creates one.</value></summary>
    public HttpClient? HttpClient { get; set; }
}
