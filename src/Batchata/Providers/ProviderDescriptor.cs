using System.Net.Http.Headers;

namespace Batchata;

/// <summary>How a provider takes its API key.</summary>
internal enum ProviderAuth
{
    /// <summary>An <c>x-api-key</c> header (Anthropic).</summary>
    XApiKey,

    /// <summary><c>Authorization: Bearer</c> (OpenAI; Anthropic on request).</summary>
    Bearer,

    /// <summary>An <c>x-goog-api-key</c> header (Gemini).</summary>
    XGoogApiKey,
}

/// <summary>
/// The facts about one provider that more than one part of Batchata needs: its name, where its key and base URL
/// come from, how it authenticates, its API version, the limits of one batch and its endpoints. The registry,
/// the catalog refresher, the model sources and the CLI read them here; a provider variant (an
/// OpenAI-compatible endpoint, say) is one more descriptor plus what truly differs.
/// </summary>
/// <param name="Name">The provider id used in the catalog, the state file and results (anthropic, openai, gemini).</param>
/// <param name="DisplayName">The name shown in messages.</param>
/// <param name="KeyVariables">The environment (or .env) variables that hold the API key, first match wins.</param>
/// <param name="BaseUrlVariable">The environment (or .env) variable that overrides the API root.</param>
/// <param name="DefaultBaseUrl">The API root when nothing overrides it.</param>
/// <param name="Auth">How the key is sent.</param>
/// <param name="ApiVersionHeader">The header that carries the API version, or null.</param>
/// <param name="DefaultApiVersion">The API version sent when none is configured, or null.</param>
/// <param name="Limits">The limits of one provider batch.</param>
/// <param name="OneModelPerBatch">Whether one batch may hold only one model.</param>
/// <param name="BatchesPath">The batches endpoint, relative to the API root.</param>
/// <param name="ModelsPath">The models endpoint, relative to the API root.</param>
/// <param name="ResourcePath">The prefix of a named resource (a batch <c>batches/…</c>, a file <c>files/…</c>), relative to the API root, where the provider addresses them by name (Gemini).</param>
/// <param name="UploadPath">The media upload endpoint for batch input files, relative to the API root, where it differs from the API's own (Gemini).</param>
/// <param name="DownloadPath">The prefix of a file's media download, relative to the API root, where it differs from the API's own (Gemini).</param>
internal sealed record ProviderDescriptor(
    string Name,
    string DisplayName,
    IReadOnlyList<string> KeyVariables,
    string BaseUrlVariable,
    string DefaultBaseUrl,
    ProviderAuth Auth,
    string? ApiVersionHeader,
    string? DefaultApiVersion,
    ProviderLimits Limits,
    bool OneModelPerBatch,
    string BatchesPath,
    string ModelsPath,
    string ResourcePath = "",
    string? UploadPath = null,
    string? DownloadPath = null)
{
    /// <summary>The key variables as a sentence: <c>GEMINI_API_KEY or GOOGLE_API_KEY</c>.</summary>
    public string KeyVariablesText => string.Join(" or ", KeyVariables);

    /// <summary>The configured key, else the first key variable that is set, else null.</summary>
    public string? ApiKey(string? configured, EnvironmentSettings env) => configured ?? env.Get([.. KeyVariables]);

    /// <summary>The configured API root, else the base-URL variable, else the default; always with a trailing slash.</summary>
    public Uri BaseUrl(Uri? configured, EnvironmentSettings env)
        => configured is not null ? WithSlash(configured.ToString()) : WithSlash(env.Get(BaseUrlVariable) ?? DefaultBaseUrl);

    /// <summary>Why the provider is not configured: no key.</summary>
    public string MissingKeyMessage(string optionsType)
        => $"No {DisplayName} API key is configured: set {KeyVariablesText} (environment or .env), or {optionsType}.ApiKey.";

    /// <summary>Adds the key (and the API version, where the provider has one) to a request.</summary>
    public void Authorize(HttpRequestMessage request, string apiKey, ProviderAuth? auth = null, string? apiVersion = null)
    {
        if (ApiVersionHeader is not null && (apiVersion ?? DefaultApiVersion) is { } version)
        {
            request.Headers.TryAddWithoutValidation(ApiVersionHeader, version);
        }

        switch (auth ?? Auth)
        {
            case ProviderAuth.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                break;
            case ProviderAuth.XGoogApiKey:
                request.Headers.TryAddWithoutValidation("x-goog-api-key", apiKey);
                break;
            default:
                request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
                break;
        }
    }

    private static Uri WithSlash(string text) => new(text.EndsWith('/') ? text : text + "/");
}

/// <summary>The providers Batchata knows: the one place their names, key variables and base URLs are written.</summary>
internal static class ProviderDescriptors
{
    /// <summary>The provider ids, for <c>switch</c> statements.</summary>
    public const string AnthropicName = "anthropic";

    /// <inheritdoc cref="AnthropicName"/>
    public const string OpenAIName = "openai";

    /// <inheritdoc cref="AnthropicName"/>
    public const string GeminiName = "gemini";

    /// <summary>
    /// The Anthropic Message Batches API: 100,000 requests or 256 MB per batch
    /// (https://docs.anthropic.com/en/docs/build-with-claude/batch-processing). Room is left under the body cap
    /// for what the engine does not measure: the <c>{"requests":[…]}</c> envelope (~1 KB with margin) plus one
    /// comma between lines (up to 100,000 bytes).
    /// </summary>
    public static ProviderDescriptor Anthropic { get; } = new(
        AnthropicName,
        "Anthropic",
        ["ANTHROPIC_API_KEY"],
        "ANTHROPIC_BASE_URL",
        "https://api.anthropic.com/",
        ProviderAuth.XApiKey,
        ApiVersionHeader: "anthropic-version",
        DefaultApiVersion: "2023-06-01",
        new ProviderLimits(100_000, (256L * 1024 * 1024) - (1024 + 100_000)),
        OneModelPerBatch: false,
        BatchesPath: "v1/messages/batches",
        ModelsPath: "v1/models");

    /// <summary>The OpenAI Batch API: 50,000 requests and a 200 MB input file per batch (https://platform.openai.com/docs/guides/batch).</summary>
    public static ProviderDescriptor OpenAI { get; } = new(
        OpenAIName,
        "OpenAI",
        ["OPENAI_API_KEY"],
        "OPENAI_BASE_URL",
        "https://api.openai.com/v1/",
        ProviderAuth.Bearer,
        ApiVersionHeader: null,
        DefaultApiVersion: null,
        new ProviderLimits(50_000, 200L * 1000 * 1000, QueuePerModel: true),
        OneModelPerBatch: true,
        BatchesPath: "batches",
        ModelsPath: "models");

    /// <summary>Gemini Batch Mode (Developer API, <c>v1beta</c>): no official request cap is documented (100,000 is used); input files up to 2 GB.</summary>
    public static ProviderDescriptor Gemini { get; } = new(
        GeminiName,
        "Gemini",
        ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        "GEMINI_BASE_URL",
        "https://generativelanguage.googleapis.com/",
        ProviderAuth.XGoogApiKey,
        ApiVersionHeader: null,
        DefaultApiVersion: null,
        new ProviderLimits(100_000, 2L * 1024 * 1024 * 1024),
        OneModelPerBatch: true,
        BatchesPath: "v1beta/batches",
        ModelsPath: "v1beta/models",
        ResourcePath: "v1beta/",
        UploadPath: "upload/v1beta/files",
        DownloadPath: "download/v1beta/");

    /// <summary>Every known provider, in the order they are listed to users.</summary>
    public static IReadOnlyList<ProviderDescriptor> All { get; } = [Anthropic, OpenAI, Gemini];

    /// <summary>The provider's descriptor, or null for an unknown name.</summary>
    public static ProviderDescriptor? Find(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
}
