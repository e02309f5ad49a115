using System.Text;
using System.Text.Json;

namespace Batchata;

/// <summary>Parses one line of an Anthropic results JSONL stream (protocols A.5, B.3) into a <see cref="ProviderResult"/>.</summary>
internal static class AnthropicResultParser
{
    /// <summary>Parses <paramref name="line"/>; returns null when it is not a complete result object (a cut line).</summary>
    public static ProviderResult? TryParse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || String(root, "custom_id") is not { } customId
                || !root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return String(result, "type") switch
            {
                "succeeded" when result.TryGetProperty("message", out var message) => Succeeded(customId, message, line),
                "errored" => Errored(customId, result, line),
                "canceled" => new ProviderResult { CustomId = customId, Kind = ProviderResultKind.Canceled, RawLine = line },
                "expired" => new ProviderResult { CustomId = customId, Kind = ProviderResultKind.Expired, IsRetryable = true, RawLine = line },
                var other => new ProviderResult
                {
                    CustomId = customId,
                    Kind = ProviderResultKind.Errored,
                    ErrorType = "unknown_result",
                    ErrorMessage = $"unknown result type '{other}'",
                    RawLine = line,
                },
            };
        }
    }

    /// <summary>Whether an errored result of this type may succeed in a later batch.</summary>
    public static bool IsRetryableType(string? type)
        => type is "overloaded_error" or "api_error" or "rate_limit_error" or "timeout_error";

    private static ProviderResult Succeeded(string customId, JsonElement message, string line)
    {
        var text = new StringBuilder();
        string? toolInput = null;
        List<ResponseTextBlock>? blocks = null;
        var anyCitations = false;
        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                switch (String(block, "type"))
                {
                    case "text":
                        var blockText = String(block, "text") ?? "";
                        text.Append(blockText);
                        List<Citation> citations = [];
                        if (block.TryGetProperty("citations", out var cites) && cites.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var cite in cites.EnumerateArray())
                            {
                                if (cite.ValueKind == JsonValueKind.Object)
                                {
                                    citations.Add(AnthropicShared.Citation(cite));
                                }
                            }
                        }

                        anyCitations |= citations.Count > 0;
                        (blocks ??= []).Add(new ResponseTextBlock(blockText, citations));
                        break;
                    case "tool_use" when String(block, "name") == AnthropicRequestEncoder.ToolName && block.TryGetProperty("input", out var input):
                        toolInput ??= input.GetRawText();
                        break;
                }
            }
        }

        return new ProviderResult
        {
            CustomId = customId,
            Kind = ProviderResultKind.Succeeded,
            Text = toolInput ?? text.ToString(),
            Blocks = anyCitations ? blocks : null,
            Usage = message.TryGetProperty("usage", out var usage) ? Usage(usage) : default,
            StopReason = String(message, "stop_reason"),
            RawLine = line,
        };
    }

    private static TokenUsage Usage(JsonElement usage)
    {
        long write5m, write1h = 0;
        if (usage.TryGetProperty("cache_creation", out var creation) && creation.ValueKind == JsonValueKind.Object)
        {
            write5m = Long(creation, "ephemeral_5m_input_tokens");
            write1h = Long(creation, "ephemeral_1h_input_tokens");
            var total = Long(usage, "cache_creation_input_tokens");
            if (write5m + write1h < total)
            {
                write5m = total - write1h; // keep the total when the split is partial
            }
        }
        else
        {
            write5m = Long(usage, "cache_creation_input_tokens");
        }

        var thinking = usage.TryGetProperty("output_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
            ? Long(details, "thinking_tokens")
            : 0;
        return new TokenUsage(
            Long(usage, "input_tokens"),
            Long(usage, "output_tokens"),
            write5m,
            write1h,
            Long(usage, "cache_read_input_tokens"),
            thinking);
    }

    private static ProviderResult Errored(string customId, JsonElement result, string line)
    {
        string? type = null;
        string? message = null;
        if (result.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            // Full ErrorResponse {type:"error", error:{type, message}}, or a flat {type, message}.
            var inner = error.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : error;
            type = String(inner, "type");
            message = String(inner, "message");
        }

        return new ProviderResult
        {
            CustomId = customId,
            Kind = ProviderResultKind.Errored,
            ErrorType = type ?? "unknown_error",
            ErrorMessage = message ?? "the request failed without details",
            IsRetryable = IsRetryableType(type),
            RawLine = line,
        };
    }

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Long(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : 0;
}
