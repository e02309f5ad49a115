namespace Batchata;

/// <summary>The request parameters Batchata accepts for OpenAI beyond its own, per endpoint.</summary>
internal static class OpenAIParameters
{
    /// <summary>The additional parameters passed through verbatim on <c>/v1/chat/completions</c> lines.</summary>
    public static readonly IReadOnlySet<string> Accepted = new HashSet<string>(StringComparer.Ordinal)
    {
        "top_p", "stop", "seed", "reasoning_effort", "service_tier", "prompt_cache_key", "frequency_penalty",
        "presence_penalty", "logprobs", "top_logprobs", "logit_bias", "metadata", "store", "user", "verbosity",
    };

    /// <summary>
    /// The additional parameters of <c>/v1/responses</c> lines (CreateResponse in the OpenAI spec); <c>reasoning_effort</c> and
    /// <c>verbosity</c> are accepted too and written as <c>reasoning.effort</c> and <c>text.verbosity</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> AcceptedResponses = new HashSet<string>(StringComparer.Ordinal)
    {
        "top_p", "top_logprobs", "reasoning", "reasoning_effort", "verbosity", "service_tier", "prompt_cache_key", "metadata",
        "store", "user", "safety_identifier", "truncation", "include",
    };

    /// <summary>
    /// Parameters that reasoning models reject with 400 "Unsupported parameter: 'X' is not supported with this model."
    /// (https://platform.openai.com/docs/guides/reasoning#limitations; protocols.md errata).
    /// </summary>
    public static readonly IReadOnlySet<string> ReasoningRejected = new HashSet<string>(StringComparer.Ordinal)
    {
        "top_p", "presence_penalty", "frequency_penalty", "logprobs", "top_logprobs", "logit_bias",
    };
}
