using System.Text.Json;

namespace Batchata;

/// <summary>Parses one line of an OpenAI Batch output or error file (protocols C.6).</summary>
internal static class OpenAIResultParser
{
    /// <summary>Parses one line; null for a complete JSON line that names no request (nothing to attribute it to).</summary>
    /// <exception cref="JsonException">The line is not complete JSON (a cut stream: it is downloaded again).</exception>
    public static ProviderResult? Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Str(root, "custom_id") is not { } customId)
        {
            return null;
        }
        try
        {
            return ParseKnown(root, customId, line);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return Unrecognised(customId, line, ex.Message);
        }
    }

    /// <summary>A line that names a request in a shape this parser does not know: that request fails, the others are read.</summary>
    internal static ProviderResult Unrecognised(string customId, string line, string detail) => new()
    {
        CustomId = customId,
        Kind = ProviderResultKind.Errored,
        ErrorType = "unrecognised_result",
        ErrorMessage = $"Batchata could not read this request's result line ({detail}); the raw line is kept in raw_files when raw files are on.",
        RawLine = line,
    };

    private static ProviderResult ParseKnown(JsonElement root, string customId, string line)
    {
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
        {
            var status = response.TryGetProperty("status_code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : 0;
            var body = response.TryGetProperty("body", out var b) ? b : default;
            if (status == 200 && body.ValueKind == JsonValueKind.Object && (Str(body, "object") == "response" || body.TryGetProperty("output", out _)))
            {
                return OpenAIResponsesParser.Succeeded(customId, body, line);
            }
            if (status == 200 && (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("choices", out _)))
            {
                return Unrecognised(customId, line, "a 200 answer with neither choices nor output");
            }
            return status == 200 ? Succeeded(customId, body, line) : HttpError(customId, status, body, line);
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var errorCode = Str(error, "code");
            var message = Str(error, "message");
            var kind = errorCode switch
            {
                "batch_expired" => ProviderResultKind.Expired,
                "batch_cancelled" => ProviderResultKind.Canceled,
                _ => ProviderResultKind.Errored,
            };
            return new ProviderResult
            {
                CustomId = customId,
                Kind = kind,
                ErrorType = errorCode,
                ErrorMessage = message,
                IsRetryable = kind == ProviderResultKind.Expired,
                RawLine = line,
            };
        }
        return Unrecognised(customId, line, "it has neither response nor error");
    }

    private static ProviderResult Succeeded(string customId, JsonElement body, string line)
    {
        string? text = null;
        string? stop = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("choices", out var choices) &&
            choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            stop = MapFinish(Str(choice, "finish_reason"));
            if (choice.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                text = Str(message, "content");
                if (Str(message, "refusal") is not null)
                {
                    stop = "refusal";
                }
            }
        }
        return new ProviderResult
        {
            CustomId = customId,
            Kind = ProviderResultKind.Succeeded,
            Text = text,
            StopReason = stop,
            Usage = ParseUsage(body),
            RawLine = line,
        };
    }

    internal static ProviderResult HttpError(string customId, int status, JsonElement body, string line)
    {
        string? type = null;
        string? message = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            type = Str(error, "code") ?? Str(error, "type");
            message = Str(error, "message");
        }
        var retryable = (status == 429 && type != "insufficient_quota") || status >= 500 || status is 408 or 409;
        return new ProviderResult
        {
            CustomId = customId,
            Kind = ProviderResultKind.Errored,
            ErrorType = type ?? $"http_{status}",
            ErrorMessage = message ?? $"the request failed with HTTP {status}",
            IsRetryable = retryable,
            RawLine = line,
        };
    }

    /// <summary>Normalises <c>finish_reason</c>.</summary>
    public static string? MapFinish(string? finish) => finish switch
    {
        null => null,
        "stop" => "end_turn",
        "length" => "max_tokens",
        "tool_calls" or "function_call" => "tool_use",
        _ => finish,
    };

    /// <summary>Reads <c>usage</c>: prompt tokens include cached ones, which are split off.</summary>
    public static TokenUsage ParseUsage(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return default;
        }
        var prompt = Long(usage, "prompt_tokens");
        var completion = Long(usage, "completion_tokens");
        var cached = usage.TryGetProperty("prompt_tokens_details", out var pd) && pd.ValueKind == JsonValueKind.Object ? Long(pd, "cached_tokens") : 0;
        var reasoning = usage.TryGetProperty("completion_tokens_details", out var cd) && cd.ValueKind == JsonValueKind.Object ? Long(cd, "reasoning_tokens") : 0;
        return new TokenUsage(Math.Max(0, prompt - cached), completion, CacheReadTokens: cached, ReasoningTokens: reasoning);
    }

    internal static string? Str(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static long Long(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
