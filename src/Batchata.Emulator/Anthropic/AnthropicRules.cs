using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.Anthropic;

/// <summary>
/// Published Anthropic rules that a batch request must meet (protocols.md errata of 2026-12-07): parameters a batch
/// rejects, and the complexity limits of native structured output.
/// </summary>
internal static class AnthropicRules
{
    /// <summary>https://platform.claude.com/docs/en/build-with-claude/structured-outputs, "Schema complexity limits".</summary>
    public const string TooComplex = "Schema is too complex for compilation";

    private const int MaxUnionParameters = 16;
    private const int MaxOptionalParameters = 24;

    /// <summary>Fails a request that carries a parameter the Message Batches API rejects (<c>stream</c>, <c>speed</c>).</summary>
    public static bool RejectBatchParameters(Prompt prompt, JsonElement body)
    {
        if (body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            prompt.Error = ("invalid_request_error", "stream: streaming is not supported in the Message Batches API");
            return true;
        }

        if (body.TryGetProperty("speed", out _))
        {
            prompt.Error = ("invalid_request_error", "speed: fast mode is not supported in the Message Batches API");
            return true;
        }

        return false;
    }

    /// <summary>Fails a request whose <c>output_config.format</c> cannot be compiled or combined with the conversation.</summary>
    public static bool RejectOutputFormat(Prompt prompt, JsonElement body, JsonElement schema)
    {
        if (body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
            && messages[messages.GetArrayLength() - 1].GetStringOrNull("role") == "assistant")
        {
            prompt.Error = ("invalid_request_error", "output_config.format: structured outputs cannot be used with a prefilled assistant message; remove the final assistant turn");
            return true;
        }

        int unions = 0, optional = 0;
        Count(schema, ref unions, ref optional);
        if (unions > MaxUnionParameters || optional > MaxOptionalParameters)
        {
            prompt.Error = ("invalid_request_error", $"output_config.format.schema: {TooComplex}: at most {MaxUnionParameters} parameters with union types and {MaxOptionalParameters} optional parameters are supported (found {unions} and {optional})");
            return true;
        }

        if (IsRecursive(schema))
        {
            prompt.Error = ("invalid_request_error", "output_config.format.schema: recursive schemas are not supported");
            return true;
        }

        return false;
    }

    private static void Count(JsonElement node, ref int unions, ref int optional)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (node.TryGetProperty("anyOf", out _) || (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array))
                {
                    unions++;
                }

                if (node.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
                {
                    var required = node.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                        ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet()
                        : [];
                    optional += props.EnumerateObject().Count(p => !required.Contains(p.Name));
                }

                foreach (var property in node.EnumerateObject())
                {
                    if (property.Name is "properties" or "$defs" or "definitions")
                    {
                        if (property.Value.ValueKind == JsonValueKind.Object)
                        {
                            foreach (var child in property.Value.EnumerateObject())
                            {
                                Count(child.Value, ref unions, ref optional);
                            }
                        }
                    }
                    else if (property.Name is "items" or "anyOf" or "additionalProperties")
                    {
                        Count(property.Value, ref unions, ref optional);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    Count(item, ref unions, ref optional);
                }

                break;
        }
    }

    /// <summary>Whether a definition reaches itself through <c>$ref</c>, or anything refers to the root.</summary>
    private static bool IsRecursive(JsonElement schema)
    {
        var graph = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in (ReadOnlySpan<string>)["$defs", "definitions"])
        {
            if (schema.TryGetProperty(name, out var defs) && defs.ValueKind == JsonValueKind.Object)
            {
                foreach (var def in defs.EnumerateObject())
                {
                    var refs = new List<string>();
                    Refs(def.Value, refs);
                    graph[$"#/{name}/{def.Name}"] = refs;
                }
            }
        }

        var all = new List<string>();
        Refs(schema, all);
        if (all.Contains("#"))
        {
            return true;
        }

        foreach (var start in graph.Keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(graph[start]);
            while (stack.TryPop(out var next))
            {
                if (next == start)
                {
                    return true;
                }

                if (seen.Add(next) && graph.TryGetValue(next, out var more))
                {
                    more.ForEach(stack.Push);
                }
            }
        }

        return false;
    }

    private static void Refs(JsonElement node, List<string> refs)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in node.EnumerateObject())
            {
                if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                {
                    refs.Add(property.Value.GetString()!);
                }
                else
                {
                    Refs(property.Value, refs);
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                Refs(item, refs);
            }
        }
    }
}
