namespace Batchata;

/// <summary>Bounds of the retry of transient HTTP failures.</summary>
internal sealed record RetrySettings
{
    /// <summary>The most retries after the first attempt.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>The first back-off delay; it doubles each retry (with jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest back-off delay, also the cap on server hints.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest one HTTP attempt may take, from sending the request (upload included) to the response headers, in
    /// real time; an attempt that outlasts it counts as a connection failure (retried where that is safe).
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait for the next line of a result download (real time) before the download is retried.</summary>
    public TimeSpan ReadIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest a TCP (and TLS) connection may take to open, on the client Batchata creates.</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The default settings.</summary>
    public static RetrySettings Default { get; } = new();
}
