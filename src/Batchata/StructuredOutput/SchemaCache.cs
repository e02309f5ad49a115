using System.Collections.Concurrent;
using System.Text.Json;

namespace Batchata;

/// <summary>
/// The one cache of what is derived from a job's response schema: the schema each provider is sent
/// (<see cref="ProviderSchemas"/>) and whether it fits the provider's native structured output
/// (<see cref="SchemaSupportChecker"/>). The jobs of a run usually share a few schemas, so each is derived once and
/// shared by every thread (AddJob, the planner's encoders); a schema is known by its JSON text. The cache holds at
/// most <see cref="Capacity"/> schemas of each use and starts over when full, so a run of all-different schemas
/// costs only the derivation it would have cost without it.
/// </summary>
internal static class SchemaCache
{
    /// <summary>The most schemas kept per use.</summary>
    public const int Capacity = 64;

    private static readonly ConcurrentDictionary<(string Provider, string Schema), JsonElement> s_wire = new();
    private static readonly ConcurrentDictionary<(string Provider, string Schema), bool> s_fits = new();

    /// <summary>The schema sent to <paramref name="provider"/> for <paramref name="schema"/> (its structured-output form).</summary>
    /// <param name="schema">The job's response schema.</param>
    /// <param name="provider">The provider name (<see cref="ProviderDescriptors"/>).</param>
    /// <returns>The transformed schema; an unknown provider gets <paramref name="schema"/> itself.</returns>
    public static JsonElement Wire(JsonElement schema, string provider)
        => Get(s_wire, (provider, schema.GetRawText()), schema, static (provider, s) => provider switch
        {
            ProviderDescriptors.AnthropicName => ProviderSchemas.ForAnthropic(s),
            ProviderDescriptors.OpenAIName => ProviderSchemas.ForOpenAI(s),
            ProviderDescriptors.GeminiName => ProviderSchemas.ForGemini(s),
            _ => s.Clone(),
        });

    /// <summary>Whether <paramref name="schema"/> fits <paramref name="provider"/>'s native structured output.</summary>
    /// <param name="schema">The job's response schema.</param>
    /// <param name="provider">The provider name.</param>
    /// <returns>True when <see cref="SchemaSupportChecker"/> finds nothing the provider refuses.</returns>
    public static bool FitsNative(JsonElement schema, string provider)
        => Get(s_fits, (provider, schema.GetRawText()), schema, static (provider, s) => SchemaSupportChecker.Check(s, provider).Count == 0);

    private static T Get<T>(ConcurrentDictionary<(string Provider, string Schema), T> cache, (string Provider, string Schema) key, JsonElement schema, Func<string, JsonElement, T> derive)
    {
        if (cache.TryGetValue(key, out var known))
        {
            return known;
        }

        var value = derive(key.Provider, schema);
        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        return cache.GetOrAdd(key, value);
    }
}
