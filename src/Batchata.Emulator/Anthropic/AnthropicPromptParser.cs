using System.Text;
using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.Anthropic;

/// <summary>Turns Messages API <c>params</c> into a <see cref="Prompt"/>, including the per-request validation.</summary>
internal static class AnthropicPromptParser
{
    public const string Version2026 = "2026-10-21";
    private const int ImageTokens = 85;

    public static Prompt Parse(JsonElement body, string version)
    {
        var prompt = new Prompt();
        if (body.ValueKind != JsonValueKind.Object)
        {
            prompt.Error = ("invalid_request_error", "params: Input should be an object");
            return prompt;
        }

        if (version == Version2026)
        {
            foreach (var forbidden in (ReadOnlySpan<string>)["temperature", "top_p", "top_k"])
            {
                if (body.TryGetProperty(forbidden, out _))
                {
                    prompt.Error = ("invalid_request_error", $"{forbidden}: Extra inputs are not permitted");
                    return prompt;
                }
            }
        }

        if (AnthropicRules.RejectBatchParameters(prompt, body))
        {
            return prompt;
        }

        if (body.GetStringOrNull("model") is not { } model)
        {
            prompt.Error = ("invalid_request_error", "model: Field required");
            return prompt;
        }

        prompt.TokenScale = Tokens.ClaudeScale(model);

        if (!body.TryGetProperty("max_tokens", out var maxTokens) || !maxTokens.TryGetInt32(out var max) || max < 1)
        {
            prompt.Error = ("invalid_request_error", "max_tokens: Input should be greater than or equal to 1");
            return prompt;
        }

        prompt.MaxTokens = max;
        var prefix = new StringBuilder();
        if (body.TryGetProperty("system", out var system))
        {
            ReadContent(system, "system", prompt, prefix, version);
        }

        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            prompt.Error = ("invalid_request_error", "messages: Field required");
            return prompt;
        }

        foreach (var message in messages.EnumerateArray())
        {
            var role = message.GetStringOrNull("role") ?? "user";
            prompt.MessageCount++;
            if (message.TryGetProperty("content", out var content))
            {
                var text = ReadContent(content, role, prompt, prefix, version);
                if (role == "user")
                {
                    prompt.LastUserText = text;
                }
            }

            if (prompt.Error is not null)
            {
                return prompt;
            }
        }

        if (body.TryGetProperty("cache_control", out var auto) && auto.ValueKind == JsonValueKind.Object)
        {
            prompt.CacheTtl1h = auto.GetStringOrNull("ttl") == "1h";
            prompt.CachePrefix = prefix.ToString();
        }

        var cited = prompt.Documents.Count(d => d.CitationsEnabled);
        if (cited > 0 && cited < prompt.Documents.Count)
        {
            prompt.Error = ("invalid_request_error", "Citations must be enabled on all or none of the documents in a request.");
            return prompt;
        }

        ReadSchema(body, prompt);
        return prompt;
    }

    private static void ReadSchema(JsonElement body, Prompt prompt)
    {
        if (body.TryGetProperty("output_config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("format", out var format) && format.GetStringOrNull("type") == "json_schema"
            && format.TryGetProperty("schema", out var schema))
        {
            if (AnthropicRules.RejectOutputFormat(prompt, body, schema))
            {
                return;
            }

            prompt.Schema = schema;
            return;
        }

        if (body.TryGetProperty("output_format", out var legacy) && legacy.GetStringOrNull("type") == "json_schema"
            && legacy.TryGetProperty("schema", out var legacySchema))
        {
            prompt.Schema = legacySchema;
            return;
        }

        if (body.TryGetProperty("tool_choice", out var choice) && choice.GetStringOrNull("type") == "tool"
            && choice.GetStringOrNull("name") is { } name && body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.GetStringOrNull("name") == name && tool.TryGetProperty("input_schema", out var inputSchema))
                {
                    prompt.Schema = inputSchema;
                    prompt.ToolName = name;
                    return;
                }
            }
        }

        prompt.Schema = InstructedSchema.Find(prompt.LastUserText);
    }

    private static string ReadContent(JsonElement content, string role, Prompt prompt, StringBuilder prefix, string version)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            var s = content.GetString()!;
            prompt.AddText(s);
            prefix.Append(s).Append('\n');
            return s;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var own = new StringBuilder();
        foreach (var block in content.EnumerateArray())
        {
            switch (block.GetStringOrNull("type"))
            {
                case "text":
                    var text = block.GetStringOrNull("text") ?? "";
                    prompt.AddText(text);
                    prefix.Append(text).Append('\n');
                    own.Append(own.Length > 0 ? "\n" : "").Append(text);
                    if (version == Version2026 && role == "user" && block.TryGetProperty("citations", out var c) && c.ValueKind == JsonValueKind.Array && c.GetArrayLength() > 0)
                    {
                        prompt.Error = ("invalid_request_error", "messages: text blocks with citations are not permitted in user messages");
                    }

                    break;
                case "document":
                    if (version == Version2026 && role == "assistant")
                    {
                        prompt.Error = ("invalid_request_error", "messages: document blocks are not permitted in assistant messages");
                    }

                    var doc = AnthropicDocumentReader.Read(block, prompt.Documents.Count);
                    prompt.Documents.Add(doc);
                    prefix.Append(doc.Text).Append('\n');
                    break;
                case "image":
                    prompt.ExtraTokens += ImageTokens;
                    prefix.Append("[image]\n");
                    break;
                case "tool_result":
                    if (block.TryGetProperty("content", out var inner))
                    {
                        ReadContent(inner, role, prompt, prefix, version);
                    }

                    break;
                default:
                    break;
            }

            if (block.TryGetProperty("cache_control", out var cache) && cache.ValueKind == JsonValueKind.Object)
            {
                prompt.CacheTtl1h = cache.GetStringOrNull("ttl") == "1h";
                prompt.CachePrefix = prefix.ToString();
            }
        }

        return own.ToString();
    }
}
