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

    /// <summary>The default settings.</summary>
    public static RetrySettings Default { get; } = new();
}
