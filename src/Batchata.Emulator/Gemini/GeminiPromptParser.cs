using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.Gemini;

/// <summary>Turns a GenerateContentRequest (camelCase or snake_case) into a <see cref="Prompt"/>.</summary>
internal static class GeminiPromptParser
{
    private const int MediaTokens = 258;

    public static Prompt Parse(JsonElement request)
    {
        var prompt = new Prompt();
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array)
        {
            prompt.Error = ("INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified");
            return prompt;
        }

        if (request.TryGet("system_instruction", "systemInstruction", out var system))
        {
            ReadParts(system, prompt);
        }

        foreach (var content in contents.EnumerateArray())
        {
            prompt.MessageCount++;
            var text = ReadParts(content, prompt);
            if ((content.GetStringOrNull("role") ?? "user") == "user")
            {
                prompt.LastUserText = text;
            }
        }

        if (request.TryGet("generation_config", "generationConfig", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            if (config.TryGet("max_output_tokens", "maxOutputTokens", out var max) && max.TryGetInt32(out var maxTokens))
            {
                prompt.MaxTokens = maxTokens;
            }

            if (config.TryGet("response_json_schema", "responseJsonSchema", out var schema) || config.TryGet("response_schema", "responseSchema", out schema))
            {
                prompt.Schema = schema;
            }
        }

        return prompt;
    }

    private static string ReadParts(JsonElement content, Prompt prompt)
    {
        if (!content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var own = new List<string>();
        foreach (var part in parts.EnumerateArray())
        {
            if (part.GetStringOrNull("text") is { } text)
            {
                prompt.AddText(text);
                own.Add(text);
            }
            else if (part.TryGet("inline_data", "inlineData", out var data))
            {
                var mime = data.GetStringOrNull("mime_type") ?? data.GetStringOrNull("mimeType");
                if (mime == "application/pdf" && data.GetStringOrNull("data") is { } b64)
                {
                    try
                    {
                        var pages = PdfText.Pages(Convert.FromBase64String(b64));
                        prompt.Documents.Add(new PromptDocument { Index = prompt.Documents.Count, IsPdf = true, Pages = pages, Text = string.Join('\n', pages) });
                        continue;
                    }
                    catch (FormatException)
                    {
                    }
                }

                prompt.ExtraTokens += MediaTokens;
            }
            else
            {
                prompt.ExtraTokens += MediaTokens;
            }
        }

        return string.Join('\n', own);
    }
}
