namespace Batchata;

/// <summary>
/// What a user needs to know about one provider Batchata can send batches to: its name (as in the catalog, the
/// state file and results), where its API key and base URL come from, and whether a key is configured. Read-only;
/// the engine's own view of a provider (auth, limits, endpoints) stays inside Batchata.
/// </summary>
public sealed class ProviderInfo
{
    private readonly ProviderDescriptor _descriptor;

    private ProviderInfo(ProviderDescriptor descriptor) => _descriptor = descriptor;

    /// <summary>Gets Anthropic (Message Batches API).</summary>
    public static ProviderInfo Anthropic { get; } = new(ProviderDescriptors.Anthropic);

    /// <summary>Gets OpenAI (Batch API).</summary>
    public static ProviderInfo OpenAI { get; } = new(ProviderDescriptors.OpenAI);

    /// <summary>Gets Gemini (Developer API batch mode).</summary>
    public static ProviderInfo Gemini { get; } = new(ProviderDescriptors.Gemini);

    /// <summary>Gets every provider, in the order they are listed to users.</summary>
    public static IReadOnlyList<ProviderInfo> All { get; } = [Anthropic, OpenAI, Gemini];

    /// <summary>Gets the provider's name: <c>anthropic</c>, <c>openai</c> or <c>gemini</c>.</summary>
    public string Name => _descriptor.Name;

    /// <summary>Gets the name shown in messages (Anthropic, OpenAI, Gemini).</summary>
    public string DisplayName => _descriptor.DisplayName;

    /// <summary>Gets the environment (or <c>.env</c>) variables read for the API key, first set one wins.</summary>
    public IReadOnlyList<string> KeyVariables => _descriptor.KeyVariables;

    /// <summary>Gets the environment (or <c>.env</c>) variable that overrides the API root (an emulator or a proxy, say).</summary>
    public string BaseUrlVariable => _descriptor.BaseUrlVariable;

    /// <summary>Gets the API root used when nothing overrides it.</summary>
    public Uri DefaultBaseUrl => new(_descriptor.DefaultBaseUrl);

    /// <summary>Finds a provider by name.</summary>
    /// <param name="name">The provider name (case-insensitive).</param>
    /// <returns>The provider, or null when Batchata does not know it.</returns>
    public static ProviderInfo? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether an API key for this provider is set in the environment or the <c>.env</c> file, where a run without
    /// a key in its options would look. The key itself is never returned.
    /// </summary>
    /// <param name="dotEnvPath">The <c>.env</c> file, or null for the working directory's.</param>
    /// <returns>True when one of <see cref="KeyVariables"/> is set and not empty.</returns>
    public bool HasApiKey(string? dotEnvPath = null) => _descriptor.ApiKey(null, new EnvironmentSettings(dotEnvPath)) is not null;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
