namespace Batchata;

/// <summary>Settings of the Anthropic Message Batches provider. Unset values come from the environment (or a .env file).</summary>
public sealed class AnthropicOptions
{
    /// <summary>Gets or sets the API key. <value>The default value is the <c>ANTHROPIC_API_KEY</c> environment variable.</value></summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the API root. <value>The default value is <c>ANTHROPIC_BASE_URL</c>, else <c>https://api.anthropic.com</c>.</value></summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the <c>anthropic-version</c> header. <value>The default value is <c>2023-06-01</c>, which accepts temperature.</value></summary>
    public string ApiVersion { get; set; } = "2023-06-01";

    /// <summary>Gets or sets a value indicating whether to send the key as <c>Authorization: Bearer</c> instead of <c>x-api-key</c>. <value>The default value is false.</value></summary>
    public bool UseBearerAuth { get; set; }

    /// <summary>
    /// Gets or sets a fixed interval for polling this provider's batches (<see cref="Batch.SetPollInterval"/> sets it
    /// for every provider and wins). <value>The default value is <see langword="null"/>: adaptive, about every second
    /// at first, backing off to about a minute as a batch runs longer.</value>
    /// </summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Gets or sets the HTTP client to use (its timeout should be infinite). <value>The default value is null: Batchata creates one.</value></summary>
    public HttpClient? HttpClient { get; set; }
}
