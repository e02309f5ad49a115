using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Batchata;

/// <summary>Parses Gemini batch results: inline responses and result-file lines (protocols D.4, D.6).</summary>
internal static class GeminiResultParser
{
    /// <summary>Parses one result-file line <c>{"key", "response"|"error"}</c>.</summary>
    /// <exception cref="JsonException">The line is not a complete result object.</exception>
    public static ProviderResult? ParseLine(string line)
    {
        using var doc = JsonDocument.Parse(line);
        if (doc.RootElement.ValueKind != JsonValueKind.Object || Str(doc.RootElement, "key") is not { } key)
        {
            return null;
        }
        try
        {
            return Parse(key, doc.RootElement, line);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return OpenAIResultParser.Unrecognised(key, line, ex.Message);
        }
    }

    /// <summary>
    /// Parses one inline response <c>{"response"|"error", "metadata":{"key"}}</c>; null when it names no request. A response in a
    /// shape this parser does not know fails only that request.
    /// </summary>
    public static ProviderResult? ParseInline(JsonElement item)
    {
        var key = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? Str(metadata, "key") : null;
        if (key is null)
        {
            return null;
        }
        try
        {
            return Parse(key, item, item.GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return OpenAIResultParser.Unrecognised(key, item.GetRawText(), ex.Message);
        }
    }

    private static ProviderResult Parse(string key, JsonElement item, string raw)
    {
        if (item.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = Int(error, "code");
            var status = Str(error, "status");
            return new ProviderResult
            {
                CustomId = key,
                Kind = status == "CANCELLED" || code == 499 ? ProviderResultKind.Canceled : ProviderResultKind.Errored,
                ErrorType = status ?? code.ToString(CultureInfo.InvariantCulture),
                ErrorMessage = Str(error, "message") ?? "the request failed",
                IsRetryable = code is 408 or 429 or 500 or 502 or 503 or 504,
                RawLine = raw,
            };
        }
        if (!item.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"result '{key}' has neither response nor error");
        }
        var usage = ParseUsage(response);
        if (!response.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
        {
            var reason = response.TryGetProperty("promptFeedback", out var feedback) && feedback.ValueKind == JsonValueKind.Object ? Str(feedback, "blockReason") : null;
            return new ProviderResult
            {
                CustomId = key,
                Kind = ProviderResultKind.Errored,
                ErrorType = reason ?? "no_candidates",
                ErrorMessage = reason is null ? "the answer has no candidates" : $"the prompt was blocked ({reason})",
                Usage = usage,
                RawLine = raw,
            };
        }
        var candidate = candidates[0];
        return new ProviderResult
        {
            CustomId = key,
            Kind = ProviderResultKind.Succeeded,
            Text = Text(candidate),
            StopReason = MapFinish(Str(candidate, "finishReason")),
            Usage = usage,
            RawLine = raw,
        };
    }

    private static string? Text(JsonElement candidate)
    {
        if (!candidate.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object ||
            !content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        StringBuilder? text = null;
        foreach (var part in parts.EnumerateArray())
        {
            if (part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True)
            {
                continue;
            }
            if (Str(part, "text") is { } value)
            {
                (text ??= new StringBuilder()).Append(value);
            }
        }
        return text?.ToString();
    }

    /// <summary>Normalises <c>finishReason</c>.</summary>
    public static string? MapFinish(string? reason) => reason switch
    {
        null => null,
        "STOP" => "end_turn",
        "MAX_TOKENS" => "max_tokens",
        "SAFETY" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => "content_filter",
        _ => reason.ToLowerInvariant(),
    };

    /// <summary>Reads <c>usageMetadata</c>: prompt tokens include cached ones; output includes thoughts.</summary>
    public static TokenUsage ParseUsage(JsonElement response)
    {
        if (!response.TryGetProperty("usageMetadata", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return default;
        }
        var prompt = Int(usage, "promptTokenCount");
        var cached = Int(usage, "cachedContentTokenCount");
        var candidates = Int(usage, "candidatesTokenCount");
        var thoughts = Int(usage, "thoughtsTokenCount");
        return new TokenUsage(Math.Max(0, prompt - cached), candidates + thoughts, CacheReadTokens: cached, ReasoningTokens: thoughts);
    }

    /// <summary>Reads a string property, or null.</summary>
    public static string? Str(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Reads an integer that proto3 JSON may write as a number or (int64) a string.</summary>
    public static long Int(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return 0;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => 0,
        };
    }
}
