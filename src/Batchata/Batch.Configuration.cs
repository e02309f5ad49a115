using Microsoft.Extensions.Logging;

namespace Batchata;

public sealed partial class Batch
{
    /// <summary>Configures the Anthropic provider (key, base URL, API version, poll interval).</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This batch.</returns>
    /// <exception cref="InvalidOperationException">Jobs were already added.</exception>
    public Batch UseAnthropic(Action<AnthropicOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        EnsureNoProvidersYet();
        configure(_anthropic);
        return this;
    }

    /// <summary>Configures the OpenAI provider (key, base URL including /v1, poll interval).</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This batch.</returns>
    /// <exception cref="InvalidOperationException">Jobs were already added.</exception>
    public Batch UseOpenAI(Action<OpenAIOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        EnsureNoProvidersYet();
        configure(_openAI);
        return this;
    }

    /// <summary>Configures the Gemini provider (key, base URL, inline limit, poll interval).</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This batch.</returns>
    /// <exception cref="InvalidOperationException">Jobs were already added.</exception>
    public Batch UseGemini(Action<GeminiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        EnsureNoProvidersYet();
        configure(_gemini);
        return this;
    }

    /// <summary>
    /// Points all three providers at a local emulator serving them at one root (such as <c>Batchata.Emulator</c>'s
    /// <c>BatchEmulator.StartAsync()</c>: <c>batch.UseEmulator(emulator.BaseUrl, emulator.ApiKey)</c>): Anthropic and
    /// Gemini at the root, OpenAI at <c>v1/</c>. For tests and offline rehearsal; nothing is paid.
    /// </summary>
    /// <param name="baseUrl">The emulator's root URL.</param>
    /// <param name="apiKey">The key the emulator expects.</param>
    /// <param name="pollInterval">How often to poll, or null for half a second.</param>
    /// <returns>This batch.</returns>
    public Batch UseEmulator(Uri baseUrl, string apiKey, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        var poll = pollInterval ?? TimeSpan.FromMilliseconds(500);
        return UseAnthropic(o => { o.ApiKey = apiKey; o.BaseUrl = root; o.PollInterval = poll; })
            .UseOpenAI(o => { o.ApiKey = apiKey; o.BaseUrl = new Uri(root, "v1/"); o.PollInterval = poll; })
            .UseGemini(o => { o.ApiKey = apiKey; o.BaseUrl = root; o.PollInterval = poll; });
    }

    /// <summary>Replaces the model catalog (for example <c>ModelCatalog.Default.WithOverridesFromFile("models.json")</c>).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <returns>This batch.</returns>
    public Batch SetCatalog(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        EnsureNoProvidersYet();
        _catalog = catalog;
        return this;
    }

    /// <summary>Sets the clock used for polling, limits and timestamps (tests pass a fake one).</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>This batch.</returns>
    public Batch SetTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        EnsureNoProvidersYet();
        _timeProvider = timeProvider;
        return this;
    }

    /// <summary>
    /// Sends Batchata's logs to <paramref name="loggerFactory"/>: categories <c>Batchata.Engine</c>, <c>Batchata.Jobs</c>
    /// and <c>Batchata.Providers.Anthropic|OpenAI|Gemini</c>, with event ids; the factory's filters decide what appears
    /// (<see cref="SetVerbosity"/> adds a floor). Without a factory, warnings that need attention still reach
    /// <see cref="BatchRun.Warnings"/>.
    /// </summary>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <returns>This batch.</returns>
    public Batch SetLoggerFactory(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _logging.Factory = loggerFactory;
        return this;
    }

    /// <summary>
    /// Reads API keys and base URLs from <paramref name="path"/> instead of the working directory's <c>.env</c>
    /// (environment variables still win; keys set in provider options win over both).
    /// </summary>
    /// <param name="path">The .env file; it may not exist.</param>
    /// <returns>This batch.</returns>
    public Batch SetDotEnvFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        EnsureNoProvidersYet();
        DotEnvPath = path;
        return this;
    }

    /// <summary>Retry bounds for HTTP calls (tests shorten them).</summary>
    internal RetrySettings Retry { get; set; } = RetrySettings.Default;

    /// <summary>The .env file to read (null = the working directory's).</summary>
    internal string? DotEnvPath { get; set; }

    /// <summary>Reads environment variables (tests replace it).</summary>
    internal Func<string, string?>? EnvironmentVariables { get; set; }

    private ProviderRegistry Registry
        => _registry ??= new ProviderRegistry(_anthropic, _openAI, _gemini, _timeProvider, new EnvironmentSettings(DotEnvPath, EnvironmentVariables), Retry) { Logging = _logging };

    private void EnsureNoProvidersYet()
    {
        EnsureNotRun();
        if (_registry is not null)
        {
            throw new InvalidOperationException("Configure providers, the catalog and the clock before adding jobs.");
        }
    }
}
