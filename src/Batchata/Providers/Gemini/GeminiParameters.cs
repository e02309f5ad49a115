namespace Batchata;

/// <summary>The request parameters Batchata accepts for Gemini beyond its own (snake_case or camelCase).</summary>
internal static class GeminiParameters
{
    /// <summary>The accepted names in camelCase; all go into <c>generation_config</c> except <c>safetySettings</c>.</summary>
    public static readonly IReadOnlySet<string> Accepted = new HashSet<string>(StringComparer.Ordinal)
    {
        "topP", "topK", "stopSequences", "candidateCount", "seed", "thinkingConfig", "safetySettings",
        "responseModalities", "presencePenalty", "frequencyPenalty", "mediaResolution",
    };

    /// <summary>Turns <c>top_p</c> into <c>topP</c>; camelCase names are returned unchanged.</summary>
    public static string ToCamel(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }
        var parts = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>Gets a value indicating whether the parameter belongs at the request level rather than in <c>generation_config</c>.</summary>
    public static bool IsRequestLevel(string camelName) => camelName == "safetySettings";
}
