using System.Text;
using System.Text.Json;

namespace Batchata;

/// <summary>
/// Reads a Responses API object (the body of a <c>/v1/responses</c> batch line, "Response" in the OpenAI spec): the
/// output text of its assistant messages, a refusal, why it is incomplete, and usage with cached and reasoning tokens.
/// </summary>
internal static class OpenAIResponsesParser
{
    /// <summary>Parses the body of a 200 answer.</summary>
    public static ProviderResult Succeeded(string customId, JsonElement body, string line)
    {
        var text = new StringBuilder();
        string? refusal = null;
        if (body.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in output.EnumerateArray())
            {
                if (OpenAIResultParser.Str(item, "type") != "message" || !item.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
                {
                    continue; // reasoning items, tool calls
                }
                foreach (var part in content.EnumerateArray())
                {
                    switch (OpenAIResultParser.Str(part, "type"))
                    {
                        case "output_text":
                            text.Append(OpenAIResultParser.Str(part, "text"));
                            break;
                        case "refusal":
                            refusal = OpenAIResultParser.Str(part, "refusal") ?? "";
                            break;
                    }
                }
            }
        }
        var status = OpenAIResultParser.Str(body, "status");
        if (status == "failed" && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return new ProviderResult
            {
                CustomId = customId,
                Kind = ProviderResultKind.Errored,
                ErrorType = OpenAIResultParser.Str(error, "code") ?? "response_failed",
                ErrorMessage = OpenAIResultParser.Str(error, "message") ?? "the response failed",
                IsRetryable = OpenAIResultParser.Str(error, "code") == "server_error",
                Usage = ParseUsage(body),
                RawLine = line,
            };
        }
        string? stop = status == "completed" ? "end_turn" : status;
        if (status == "incomplete" && body.TryGetProperty("incomplete_details", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            stop = OpenAIResultParser.Str(details, "reason") switch
            {
                "max_output_tokens" => "max_tokens",
                "content_filter" => "content_filter",
                { } other => other,
                null => "incomplete",
            };
        }
        if (refusal is not null)
        {
            stop = "refusal";
        }
        return new ProviderResult
        {
            CustomId = customId,
            Kind = ProviderResultKind.Succeeded,
            Text = refusal is not null && text.Length == 0 ? refusal : text.ToString(),
            StopReason = stop,
            Usage = ParseUsage(body),
            RawLine = line,
        };
    }

    /// <summary>Reads <c>usage</c>: input tokens include cached ones, which are split off; reasoning tokens are part of the output.</summary>
    public static TokenUsage ParseUsage(JsonElement body)
    {
        if (!body.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return default;
        }
        var input = OpenAIResultParser.Long(usage, "input_tokens");
        var output = OpenAIResultParser.Long(usage, "output_tokens");
        var cached = usage.TryGetProperty("input_tokens_details", out var id) && id.ValueKind == JsonValueKind.Object ? OpenAIResultParser.Long(id, "cached_tokens") : 0;
        var reasoning = usage.TryGetProperty("output_tokens_details", out var od) && od.ValueKind == JsonValueKind.Object ? OpenAIResultParser.Long(od, "reasoning_tokens") : 0;
        return new TokenUsage(Math.Max(0, input - cached), output, CacheReadTokens: cached, ReasoningTokens: reasoning);
    }
}
