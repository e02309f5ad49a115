namespace Batchata;

/// <summary>Settings of the Gemini batch-mode provider. Unset values come from the environment (or a .env file).</summary>
public sealed class GeminiOptions
{
    /// <summary>Gets or sets the API key. <value>The default value is <c>GEMINI_API_KEY</c>, else <c>GOOGLE_API_KEY</c>.</value></summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the API root. <value>The default value is <c>GEMINI_BASE_URL</c>, else <c>https://generativelanguage.googleapis.com</c>.</value></summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// Gets or sets the request payload size under which requests are sent inline rather than as an uploaded JSONL file.
    /// Inline batches return every answer inside one operation JSON, which must be read whole; file batches return a
    /// JSONL file that is streamed line by line. So only small batches go inline (the API allows up to 20 MB).
    /// <value>The default value is 256 KB.</value>
    /// </summary>
    public long InlineLimitBytes { get; set; } = 256L * 1024;

    /// <summary>
    /// Gets or sets a fixed interval for polling this provider's batches (<see cref="Batch.SetPollInterval"/> sets it
    /// for every provider and wins). <value>The default value is <see langword="null"/>: adaptive, about every second
    /// at first, backing off to about a minute as a batch runs longer.</value>
    /// </summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Gets or sets the HTTP client to use (its timeout should be infinite). <value>The default value is null: Batchata creates one.</value></summary>
    public HttpClient? HttpClient { get; set; }
}
