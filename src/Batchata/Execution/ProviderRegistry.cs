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
                ProviderDescriptors.AnthropicName => CreateAnthropic(ref problem),
                ProviderDescriptors.OpenAIName => CreateOpenAI(ref problem),
                ProviderDescriptors.GeminiName => CreateGemini(ref problem),
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

    /// <summary>Uses <paramref name="provider"/> for its name instead of creating one (an in-memory provider in engine tests).</summary>
    public ProviderRegistry Register(IBatchProvider provider)
    {
        lock (_gate)
        {
            _providers[provider.Name] = provider;
        }

        return this;
    }

    /// <summary>Gets a configured provider or throws a validation error naming what to set.</summary>
    public IBatchProvider Get(string name)
        => TryGet(name, out var provider, out var problem) ? provider : throw new BatchValidationException(problem!);

    public void Dispose() => _ownedClient?.Dispose();

    private HttpClient Client(HttpClient? configured)
        => configured ?? (_ownedClient ??= new HttpClient(new SocketsHttpHandler { ConnectTimeout = RetrySettings.ConnectTimeout }) { Timeout = Timeout.InfiniteTimeSpan });

    private AnthropicBatchProvider? CreateAnthropic(ref string? problem)
    {
        var provider = AnthropicBatchProvider.Descriptor;
        if (provider.ApiKey(_anthropic.ApiKey, _env) is not { } key)
        {
            problem = provider.MissingKeyMessage(nameof(AnthropicOptions));
            return null;
        }

        var baseUrl = provider.BaseUrl(_anthropic.BaseUrl, _env);
        return new AnthropicBatchProvider(_anthropic, key, baseUrl, Client(_anthropic.HttpClient), _timeProvider, _retry, Logging.CreateLogger(ProviderLog.Category(provider.Name)));
    }

    private OpenAIBatchProvider? CreateOpenAI(ref string? problem)
    {
        var provider = OpenAIBatchProvider.Descriptor;
        if (provider.ApiKey(_openAI.ApiKey, _env) is not { } key)
        {
            problem = provider.MissingKeyMessage(nameof(OpenAIOptions));
            return null;
        }

        var baseUrl = provider.BaseUrl(_openAI.BaseUrl, _env);
        return new OpenAIBatchProvider(_openAI, key, baseUrl, Client(_openAI.HttpClient), _timeProvider, _retry, Logging.CreateLogger(ProviderLog.Category(provider.Name)));
    }

    private GeminiBatchProvider? CreateGemini(ref string? problem)
    {
        var provider = GeminiBatchProvider.Descriptor;
        if (provider.ApiKey(_gemini.ApiKey, _env) is not { } key)
        {
            problem = provider.MissingKeyMessage(nameof(GeminiOptions));
            return null;
        }

        var baseUrl = provider.BaseUrl(_gemini.BaseUrl, _env);
        return new GeminiBatchProvider(_gemini, key, baseUrl, Client(_gemini.HttpClient), _timeProvider, _retry, Logging.CreateLogger(ProviderLog.Category(provider.Name)));
    }
}
