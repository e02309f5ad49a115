namespace Batchata;

/// <summary>The request parameters Batchata accepts for OpenAI Chat Completions beyond its own.</summary>
internal static class OpenAIParameters
{
    /// <summary>The additional parameters passed through verbatim.</summary>
    public static readonly IReadOnlySet<string> Accepted = new HashSet<string>(StringComparer.Ordinal)
    {
        "top_p", "stop", "seed", "reasoning_effort", "service_tier", "prompt_cache_key", "frequency_penalty",
        "presence_penalty", "logprobs", "top_logprobs", "metadata", "store", "user", "verbosity",
    };

    /// <summary>Sampling parameters that reasoning models reject.</summary>
    public static readonly IReadOnlySet<string> Sampling = new HashSet<string>(StringComparer.Ordinal)
    {
        "top_p",
    };

    /// <summary>Turns a schema type name into a valid <c>json_schema.name</c> (<c>[a-zA-Z0-9_-]</c>, at most 64 characters).</summary>
    public static string SchemaName(string? typeName)
    {
        if (string.IsNullOrWhiteSpace(typeName))
        {
            return "response";
        }
        var chars = typeName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray();
        var name = new string(chars);
        return name.Length > 64 ? name[..64] : name;
    }
}
