using System.Text.Json;
using System.Text.RegularExpressions;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.OpenAI;

/// <summary>
/// Published OpenAI rules that the real API enforces per request line (protocols.md errata of 2026-12-07): models that
/// serve only <c>/v1/responses</c>, parameters reasoning models reject, and the strict structured-output subset.
/// </summary>
internal static partial class OpenAIRules
{
    private const int MaxDepth = 10;
    private const int MaxProperties = 5000;

    // https://platform.openai.com/docs/guides/structured-outputs#supported-schemas: outside the strict subset, refused with "'X' is not permitted".
    private static readonly string[] NotPermitted =
    [
        "allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "patternProperties",
        "minLength", "maxLength", "minProperties", "maxProperties", "propertyNames", "uniqueItems", "contains", "contentEncoding",
    ];

    // https://platform.openai.com/docs/guides/reasoning: "Unsupported parameter: 'X' is not supported with this model."
    private static readonly string[] ReasoningRejected = ["presence_penalty", "frequency_penalty", "logprobs", "top_logprobs", "logit_bias"];

    /// <summary>The <c>*-pro</c> and <c>*-codex</c> models: 404 on every <c>/v1/chat/completions</c> line.</summary>
    public static bool IsResponsesOnly(string model) => ResponsesOnlyRegex().IsMatch(model);

    /// <summary>Fails a chat line for a Responses-only model, as the real API does (404, invalid_request_error).</summary>
    public static bool RejectChatModel(Prompt prompt, string model)
    {
        if (!IsResponsesOnly(model))
        {
            return false;
        }

        prompt.Error = ("invalid_request_error", "This model is only supported in v1/responses and not in v1/chat/completions.");
        prompt.ErrorDetail = (null, "model");
        prompt.ErrorStatus = 404;
        return true;
    }

    /// <summary>Fails a line that sends a parameter reasoning models reject.</summary>
    public static bool RejectReasoningParameters(Prompt prompt, JsonElement body)
    {
        foreach (var name in ReasoningRejected)
        {
            if (body.TryGetProperty(name, out _))
            {
                prompt.Error = ("invalid_request_error", $"Unsupported parameter: '{name}' is not supported with this model.");
                prompt.ErrorDetail = ("unsupported_parameter", name);
                return true;
            }
        }

        return false;
    }

    /// <summary>Fails a line whose strict schema leaves the supported subset.</summary>
    /// <param name="prompt">The prompt to fail.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="name">The schema's name.</param>
    /// <param name="param">Where the schema sits (<c>response_format</c> or <c>text.format.schema</c>).</param>
    public static bool RejectStrictSchema(Prompt prompt, JsonElement schema, string name, string param)
    {
        if (StrictProblem(schema) is not { } problem)
        {
            return false;
        }

        prompt.Error = ("invalid_request_error", $"Invalid schema for response_format '{name}': {problem}");
        prompt.ErrorDetail = ("invalid_json_schema", param);
        return true;
    }

    /// <summary>The first way <paramref name="schema"/> leaves the strict subset, or null.</summary>
    public static string? StrictProblem(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || schema.TryGetProperty("anyOf", out _) || schema.GetStringOrNull("type") != "object")
        {
            return "schema must be a JSON Schema of 'type: \"object\"', and the root may not be 'anyOf'.";
        }

        var properties = 0;
        return Walk(schema, [], 1, ref properties) ?? (properties > MaxProperties
            ? $"the schema has {properties} object properties; at most {MaxProperties} are permitted."
            : null);
    }

    private static string? Walk(JsonElement node, List<string> context, int depth, ref int properties)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var where = $"In context=({string.Join(", ", context.Select(c => $"'{c}'"))})";
        foreach (var keyword in NotPermitted)
        {
            if (node.TryGetProperty(keyword, out _))
            {
                return $"{where}, '{keyword}' is not permitted.";
            }
        }

        if (depth > MaxDepth)
        {
            return $"{where}, the schema nests more than {MaxDepth} levels.";
        }

        if (node.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            if (!node.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                return $"{where}, 'additionalProperties' is required to be supplied and to be false.";
            }

            var required = node.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet()
                : [];
            foreach (var prop in props.EnumerateObject())
            {
                properties++;
                if (!required.Contains(prop.Name))
                {
                    return $"{where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '{prop.Name}'.";
                }

                if (Walk(prop.Value, [.. context, "properties", prop.Name], depth + 1, ref properties) is { } problem)
                {
                    return problem;
                }
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["items", "additionalProperties"])
        {
            if (node.TryGetProperty(name, out var child) && Walk(child, [.. context, name], depth + 1, ref properties) is { } problem)
            {
                return problem;
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (node.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var child in list.EnumerateArray())
                {
                    if (Walk(child, [.. context, name, (i++).ToString(System.Globalization.CultureInfo.InvariantCulture)], depth, ref properties) is { } problem)
                    {
                        return problem;
                    }
                }
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["$defs", "definitions"])
        {
            if (node.TryGetProperty(name, out var defs) && defs.ValueKind == JsonValueKind.Object)
            {
                foreach (var def in defs.EnumerateObject())
                {
                    if (Walk(def.Value, [name, def.Name], 1, ref properties) is { } problem)
                    {
                        return problem;
                    }
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"(-pro(-\d{4}-\d{2}-\d{2})?$)|codex")]
    private static partial Regex ResponsesOnlyRegex();
}
