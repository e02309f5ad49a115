using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.OpenAI;

/// <summary>Turns a Responses API body (CreateResponse in the OpenAI spec) of a <c>/v1/responses</c> batch line into a <see cref="Prompt"/>, with the per-request checks.</summary>
internal static class OpenAIResponsesParser
{
    /// <summary>The top-level parameters of CreateResponse (reference/openai-openapi.json); anything else is "Unknown parameter".</summary>
    private static readonly HashSet<string> Known =
    [
        "background", "context_management", "conversation", "include", "input", "instructions", "max_output_tokens", "max_tool_calls",
        "metadata", "model", "moderation", "parallel_tool_calls", "previous_response_id", "prompt", "prompt_cache_key",
        "prompt_cache_options", "prompt_cache_retention", "reasoning", "safety_identifier", "service_tier", "store", "stream",
        "stream_options", "temperature", "text", "tool_choice", "tools", "top_logprobs", "top_p", "truncation", "user",
    ];

    public static Prompt Parse(JsonElement body)
    {
        var prompt = new Prompt();
        foreach (var property in body.EnumerateObject())
        {
            if (!Known.Contains(property.Name))
            {
                return OpenAIPromptParser.Fail(prompt, $"Unknown parameter: '{property.Name}'.", "unknown_parameter", property.Name);
            }
        }

        if (body.GetStringOrNull("model") is not { } model)
        {
            return OpenAIPromptParser.Fail(prompt, "Missing required parameter: 'model'.", "missing_required_parameter", "model");
        }

        if (OpenAIPromptParser.IsReasoningModel(model))
        {
            if (OpenAIRules.RejectReasoningParameters(prompt, body))
            {
                return prompt;
            }

            if (body.TryGetProperty("temperature", out var t) && !(t.TryGetDouble(out var v) && v == 1))
            {
                return OpenAIPromptParser.Fail(prompt, $"Unsupported parameter: 'temperature' is not supported with this model.", "unsupported_parameter", "temperature");
            }
        }

        if (body.TryGetProperty("max_output_tokens", out var max) && max.TryGetInt32(out var maxTokens))
        {
            if (maxTokens < 16)
            {
                return OpenAIPromptParser.Fail(prompt, $"Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got {maxTokens} instead.", "integer_below_min_value", "max_output_tokens");
            }

            prompt.MaxTokens = maxTokens;
        }

        if (body.GetStringOrNull("instructions") is { } instructions)
        {
            prompt.AddText(instructions);
            prompt.MessageCount++;
        }

        if (!body.TryGetProperty("input", out var input) || input.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return OpenAIPromptParser.Fail(prompt, "Missing required parameter: 'input'.", "missing_required_parameter", "input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            prompt.MessageCount++;
            prompt.LastUserText = OpenAIPromptParser.ReadContent(input, prompt);
        }
        else
        {
            foreach (var item in input.EnumerateArray())
            {
                if (item.GetStringOrNull("type") is { } type && type != "message")
                {
                    continue;
                }

                prompt.MessageCount++;
                var text = item.TryGetProperty("content", out var content) ? OpenAIPromptParser.ReadContent(content, prompt) : "";
                if (item.GetStringOrNull("role") == "user")
                {
                    prompt.LastUserText = text;
                }
            }
        }

        if (body.TryGetProperty("text", out var textConfig) && textConfig.ValueKind == JsonValueKind.Object
            && textConfig.TryGetProperty("format", out var format) && format.GetStringOrNull("type") == "json_schema"
            && format.TryGetProperty("schema", out var schema))
        {
            if (format.TryGetProperty("strict", out var strict) && strict.ValueKind == JsonValueKind.True
                && OpenAIRules.RejectStrictSchema(prompt, schema, format.GetStringOrNull("name") ?? "", "text.format.schema"))
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
}
