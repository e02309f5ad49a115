using System.Text.RegularExpressions;

namespace Batchata;

/// <summary>The two OpenAI batch endpoints Batchata writes request lines for, and which one a model needs.</summary>
internal static partial class OpenAIEndpoints
{
    /// <summary>The Chat Completions endpoint (the default).</summary>
    public const string ChatCompletions = "/v1/chat/completions";

    /// <summary>The Responses endpoint.</summary>
    public const string Responses = "/v1/responses";

    /// <summary>The endpoint of a model's request lines: the catalog's <c>endpoint</c>, else Chat Completions.</summary>
    public static string For(ModelInfo model) => model.Endpoint == Responses ? Responses : ChatCompletions;

    /// <summary>
    /// Whether an id looks like a model that serves only <c>/v1/responses</c> (<c>*-pro</c>, <c>*-codex</c>), for models that
    /// <c>batchata models --refresh</c> adds without a catalog entry. Source: the per-model endpoint tables of
    /// https://developers.openai.com/api/docs/models (o3-pro, gpt-5-pro, gpt-5.5-pro, gpt-5.3-codex: "v1/responses" only)
    /// and protocols.md errata (404 "This model is only supported in v1/responses and not in v1/chat/completions").
    /// </summary>
    public static bool IsResponsesOnlyId(string id) => ResponsesOnlyRegex().IsMatch(id);

    [GeneratedRegex(@"(-pro(-\d{4}-\d{2}-\d{2})?$)|codex")]
    private static partial Regex ResponsesOnlyRegex();
}
