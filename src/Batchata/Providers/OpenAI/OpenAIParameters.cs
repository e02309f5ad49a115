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
}
