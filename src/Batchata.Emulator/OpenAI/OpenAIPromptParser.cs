using System.Globalization;
using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.OpenAI;

/// <summary>Turns a Chat Completions body into a <see cref="Prompt"/>, with the per-request checks.</summary>
internal static class OpenAIPromptParser
{
    /// <summary>Tokens OpenAI adds once per chat request to prime the reply (its published counting recipe).</summary>
    private const int ReplyPrimingTokens = 3;

    private const int ImageTokens = 85;

    public static bool IsReasoningModel(string model) =>
        (model.Length > 1 && model[0] == 'o' && char.IsDigit(model[1])) || model.StartsWith("gpt-5", StringComparison.Ordinal) || model.StartsWith("gpt-6", StringComparison.Ordinal);

    public static Prompt Parse(JsonElement body)
    {
        var prompt = new Prompt();
        var model = body.GetStringOrNull("model") ?? "";
        if (OpenAIRules.RejectChatModel(prompt, model))
        {
            return prompt;
        }

        if (IsReasoningModel(model))
        {
            if (OpenAIRules.RejectReasoningParameters(prompt, body))
            {
                return prompt;
            }

            if (body.TryGetProperty("max_tokens", out _))
            {
                return Fail(prompt, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", "unsupported_parameter", "max_tokens");
            }

            if (body.TryGetProperty("temperature", out var t) && !(t.TryGetDouble(out var v) && v == 1))
            {
                return Fail(prompt, $"Unsupported value: 'temperature' does not support {t.GetRawText()} with this model. Only the default (1) value is supported.", "unsupported_value", "temperature");
            }
        }

        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return Fail(prompt, "Missing required parameter: 'messages'.", "missing_required_parameter", "messages");
        }

        foreach (var name in (ReadOnlySpan<string>)["max_completion_tokens", "max_tokens"])
        {
            if (body.TryGetProperty(name, out var m) && m.TryGetInt32(out var max))
            {
                prompt.MaxTokens = max;
                break;
            }
        }

        prompt.ExtraTokens += ReplyPrimingTokens;
        foreach (var message in messages.EnumerateArray())
        {
            prompt.MessageCount++;
            var role = message.GetStringOrNull("role") ?? "user";
            var text = message.TryGetProperty("content", out var content) ? ReadContent(content, prompt) : "";
            if (role == "user")
            {
                prompt.LastUserText = text;
            }
        }

        if (body.TryGetProperty("response_format", out var format) && format.GetStringOrNull("type") == "json_schema"
            && format.TryGetProperty("json_schema", out var js) && js.TryGetProperty("schema", out var schema))
        {
            if (js.TryGetProperty("strict", out var strict) && strict.ValueKind == JsonValueKind.True
                && OpenAIRules.RejectStrictSchema(prompt, schema, js.GetStringOrNull("name") ?? "", "response_format"))
            {
                return prompt;
            }

            prompt.Schema = schema;
        }
        else
        {
            prompt.Schema = InstructedSchema.Find(prompt.LastUserText);
        }

        return prompt;
    }

    internal static string ReadContent(JsonElement content, Prompt prompt)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            prompt.AddText(content.GetString()!);
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var own = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            switch (part.GetStringOrNull("type"))
            {
                case "text" or "input_text":
                    var text = part.GetStringOrNull("text") ?? "";
                    prompt.AddText(text);
                    own.Add(text);
                    break;
                case "image_url" or "input_image":
                    prompt.ExtraTokens += ImageTokens;
                    break;
                case "file" or "input_file" when part.TryGetProperty("file", out var file) || part.TryGetProperty("file_data", out _):
                    file = part.TryGetProperty("file", out var nested) ? nested : part;
                    var data = file.GetStringOrNull("file_data");
                    var comma = data?.IndexOf(',', StringComparison.Ordinal) ?? -1;
                    if (data is not null && comma > 0 && data.StartsWith("data:application/pdf", StringComparison.Ordinal))
                    {
                        try
                        {
                            var pages = PdfText.Pages(Convert.FromBase64String(data[(comma + 1)..]));
                            prompt.Documents.Add(new PromptDocument { Index = prompt.Documents.Count, Title = file.GetStringOrNull("filename"), IsPdf = true, Pages = pages, Text = string.Join('\n', pages) });
                        }
                        catch (FormatException)
                        {
                            prompt.ExtraTokens += ImageTokens;
                        }
                    }
                    else
                    {
                        prompt.ExtraTokens += ImageTokens;
                    }

                    break;
                default:
                    break;
            }
        }

        return string.Join('\n', own);
    }

    internal static Prompt Fail(Prompt prompt, string message, string code, string param)
    {
        prompt.Error = ("invalid_request_error", message);
        prompt.ErrorDetail = (code, param);
        return prompt;
    }

    /// <summary>The HTTP status of a per-request error type.</summary>
    public static int StatusOf(string type) => type switch
    {
        "server_error" or "api_error" => 500,
        "rate_limit_exceeded" => 429,
        "authentication_error" => 401,
        "not_found_error" => 404,
        _ => 400,
    };

    public static string Unix(DateTimeOffset t) => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
