namespace Batchata;

/// <summary>
/// Creates the configured providers on first use from their options, the environment and <c>.env</c>.
/// A provider without an API key is "not configured": jobs for it fail validation with a message that
/// names the variable to set.
/// </summary>
internal sealed class ProviderRegistry : IDisposable
{
    private readonly AnthropicOptions _anthropic;
    private readonly OpenAIOptions _openAI;
    private readonly GeminiOptions _gemini;
    private readonly TimeProvider _timeProvider;
    private readonly EnvironmentSettings _env;
    private readonly RetrySettings _retry;
    private readonly Dictionary<string, IBatchProvider> _providers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private HttpClient? _ownedClient;

    /// <summary>Gets or sets the batch's logging (providers log under <c>Batchata.Providers.*</c>).</summary>
    public BatchLogging Logging { get; init; } = new();

    public ProviderRegistry(AnthropicOptions anthropic, OpenAIOptions openAI, GeminiOptions gemini, TimeProvider timeProvider, EnvironmentSettings env, RetrySettings? retry = null)
    {
        _anthropic = anthropic;
        _openAI = openAI;
        _gemini = gemini;
        _timeProvider = timeProvider;
        _env = env;
        _retry = retry ?? RetrySettings.Default;
    }

    /// <summary>Gets the provider, or explains why it is not configured.</summary>
    public bool TryGet(string name, out IBatchProvider provider, out string? problem)
    {
        lock (_gate)
        {
            if (_providers.TryGetValue(name, out provider!))
            {
                problem = null;
                return true;
            }

            problem = null;
            IBatchProvider? created = name switch
            {
                "anthropic" => CreateAnthropic(ref problem),
                "openai" => CreateOpenAI(ref problem),
                "gemini" => CreateGemini(ref problem),
                _ => null,
            };
            if (created is null)
            {
                problem ??= $"Unknown provider '{name}'.";
                provider = null!;
                return false;
            }

            _providers[name] = created;
            provider = created;
            return true;
        }
    }

    /// <summary>Gets a configured provider or throws a validation error naming what to set.</summary>
    public IBatchProvider Get(string name)
        => TryGet(name, out var provider, out var problem) ? provider : throw new BatchValidationException(problem!);

    public void Dispose() => _ownedClient?.Dispose();

    private HttpClient Client(HttpClient? configured)
        => configured ?? (_ownedClient ??= new HttpClient { Timeout = Timeout.InfiniteTimeSpan });

    private AnthropicBatchProvider? CreateAnthropic(ref string? problem)
    {
        var key = _anthropic.ApiKey ?? _env.Get("ANTHROPIC_API_KEY");
        if (key is null)
        {
            problem = "No Anthropic API key is configured: set ANTHROPIC_API_KEY (environment or .env), or AnthropicOptions.ApiKey.";
            return null;
        }

        var baseUrl = _anthropic.BaseUrl ?? Uri(_env.Get("ANTHROPIC_BASE_URL"), "https://api.anthropic.com/");
        return new AnthropicBatchProvider(_anthropic, key, baseUrl, Client(_anthropic.HttpClient), _timeProvider, _retry, Logging.CreateLogger(ProviderLog.Category("anthropic")));
    }

    private OpenAIBatchProvider? CreateOpenAI(ref string? problem)
    {
        var key = _openAI.ApiKey ?? _env.Get("OPENAI_API_KEY");
        if (key is null)
        {
            problem = "No OpenAI API key is configured: set OPENAI_API_KEY (environment or .env), or OpenAIOptions.ApiKey.";
            return null;
        }

        var baseUrl = _openAI.BaseUrl ?? Uri(_env.Get("OPENAI_BASE_URL"), "https://api.openai.com/v1/");
        return new OpenAIBatchProvider(_openAI, key, baseUrl, Client(_openAI.HttpClient), _timeProvider, _retry, Logging.CreateLogger(ProviderLog.Category("openai")));
    }

    private GeminiBatchProvider? CreateGemini(ref string? problem)
    {
        var key = _gemini.ApiKey ?? _env.Get("GEMINI_API_KEY", "GOOGLE_API_KEY");
        if (key is null)
        {
            problem = "No Gemini API key is configured: set GEMINI_API_KEY or GOOGLE_API_KEY (environment or .env), or GeminiOptions.ApiKey.";
            return null;
        }

        var baseUrl = _gemini.BaseUrl ?? Uri(_env.Get("GEMINI_BASE_URL"), "https://generativelanguage.googleapis.com/");
        return new GeminiBatchProvider(_gemini, key, baseUrl, Client(_gemini.HttpClient), _timeProvider, _retry, Logging.CreateLogger(ProviderLog.Category("gemini")));
    }

    /// <summary>The configured base URL (with a trailing slash), else <paramref name="fallback"/>.</summary>
    internal static Uri Uri(string? configured, string fallback)
    {
        var text = configured ?? fallback;
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
