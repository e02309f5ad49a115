using System.Text.Json;

namespace Batchata;

/// <summary>
/// Checks a schema against a provider's native structured-output limits, when a job is added. A schema that does not
/// fit is still served, by instruction-based JSON with local validation (<see cref="StructuredModes"/>); only a root
/// that is not an object is refused.
/// </summary>
internal static class SchemaSupportChecker
{
    // Anthropic, "Schema complexity limits": https://platform.claude.com/docs/en/build-with-claude/structured-outputs
    // (at most 16 parameters with union types - anyOf or type arrays - and 24 optional parameters per request; recursive
    // schemas are not supported; over a limit the request fails with 400 "Schema is too complex for compilation").
    private const int AnthropicMaxUnionParameters = 16;
    private const int AnthropicMaxOptionalParameters = 24;

    private const int OpenAIMaxDepth = 10;
    private const int OpenAIMaxProperties = 5000;
    private const int OpenAIMaxEnumValues = 1000;
    private static readonly string[] OpenAIRejected = ["allOf", "not", "if", "patternProperties", "dependentSchemas", "dependentRequired"];

    /// <summary>Lists the problems of <paramref name="schema"/> for <paramref name="provider"/>.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="provider">"openai", "anthropic" or "gemini" (case-insensitive).</param>
    /// <returns>The problems, empty when the schema is usable.</returns>
    public static IReadOnlyList<string> Check(JsonElement schema, string provider)
    {
        var problems = new List<string>();
        string p = (provider ?? string.Empty).ToLowerInvariant();
        if (p is not (ProviderDescriptors.OpenAIName or ProviderDescriptors.AnthropicName or ProviderDescriptors.GeminiName))
        {
            problems.Add($"Unknown provider '{provider}' for structured output; expected openai, anthropic or gemini.");
            return problems;
        }

        if (!JsonSchemaFactory.IsObjectSchema(schema))
        {
            problems.Add("The schema root must be \"type\":\"object\"; wrap lists and scalars in an object property.");
            return problems;
        }

        if (schema.TryGetProperty("anyOf", out _) && p == ProviderDescriptors.OpenAIName)
        {
            problems.Add("OpenAI strict mode does not allow anyOf at the schema root.");
        }

        if (p == ProviderDescriptors.AnthropicName)
        {
            AnthropicLimits(schema, problems);
            return problems;
        }

        if (p != ProviderDescriptors.OpenAIName)
        {
            return problems;
        }

        var stats = new Stats();
        Visit(schema, 1, stats);
        if (stats.MaxDepth > OpenAIMaxDepth)
        {
            problems.Add($"The schema nests objects {stats.MaxDepth} levels deep; OpenAI strict mode allows at most {OpenAIMaxDepth}.");
        }

        if (stats.Properties > OpenAIMaxProperties)
        {
            problems.Add($"The schema has {stats.Properties} object properties; OpenAI strict mode allows at most {OpenAIMaxProperties}.");
        }

        if (stats.EnumValues > OpenAIMaxEnumValues)
        {
            problems.Add($"The schema has {stats.EnumValues} enum values; OpenAI strict mode allows at most {OpenAIMaxEnumValues}.");
        }

        problems.AddRange(stats.Rejected.Distinct().Select(k => $"OpenAI strict mode does not support the \"{k}\" keyword."));
        return problems;
    }

    private static void AnthropicLimits(JsonElement schema, List<string> problems)
    {
        int unions = 0, optional = 0;
        Each(schema, node =>
        {
            if (node.TryGetProperty("anyOf", out _) || node.TryGetProperty("oneOf", out _)
                || (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array))
            {
                unions++;
            }

            if (node.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                var required = node.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).ToHashSet()
                    : [];
                optional += props.EnumerateObject().Count(prop => !required.Contains(prop.Name));
            }
        });
        if (unions > AnthropicMaxUnionParameters)
        {
            problems.Add($"The schema has {unions} parameters with union types (anyOf or type arrays; every nullable property is one); Anthropic structured output allows at most {AnthropicMaxUnionParameters}.");
        }

        if (optional > AnthropicMaxOptionalParameters)
        {
            problems.Add($"The schema has {optional} optional parameters; Anthropic structured output allows at most {AnthropicMaxOptionalParameters}.");
        }

        if (IsRecursive(schema))
        {
            problems.Add("The schema is recursive; Anthropic structured output does not support recursive schemas.");
        }
    }

    /// <summary>Whether a <c>$ref</c> points at the root or at a definition that (transitively) refers back to itself.</summary>
    internal static bool IsRecursive(JsonElement schema)
    {
        var refs = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var root = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema, root, skipDefinitions: true);
        if (root.Contains("#"))
        {
            return true;
        }

        foreach (var name in (ReadOnlySpan<string>)["$defs", "definitions"])
        {
            if (schema.TryGetProperty(name, out var defs) && defs.ValueKind == JsonValueKind.Object)
            {
                foreach (var def in defs.EnumerateObject())
                {
                    var targets = new HashSet<string>(StringComparer.Ordinal);
                    Collect(def.Value, targets, skipDefinitions: false);
                    refs[$"#/{name}/{def.Name}"] = targets;
                }
            }
        }

        foreach (var start in refs.Keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(refs[start]);
            while (stack.Count > 0)
            {
                var next = stack.Pop();
                if (next == start || next == "#")
                {
                    return true;
                }

                if (seen.Add(next) && refs.TryGetValue(next, out var more))
                {
                    foreach (var m in more)
                    {
                        stack.Push(m);
                    }
                }
            }
        }

        return false;
    }

    private static void Collect(JsonElement node, HashSet<string> targets, bool skipDefinitions)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var prop in node.EnumerateObject())
                {
                    if (prop.Name == "$ref" && prop.Value.ValueKind == JsonValueKind.String)
                    {
                        targets.Add(prop.Value.GetString()!);
                    }
                    else if (!(skipDefinitions && prop.Name is "$defs" or "definitions"))
                    {
                        Collect(prop.Value, targets, false);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    Collect(item, targets, false);
                }

                break;
        }
    }

    /// <summary>Calls <paramref name="visit"/> on every subschema object (properties, items, combinators, definitions).</summary>
    private static void Each(JsonElement schema, Action<JsonElement> visit)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        visit(schema);
        foreach (var name in (ReadOnlySpan<string>)["properties", "$defs", "definitions"])
        {
            if (schema.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var child in map.EnumerateObject())
                {
                    Each(child.Value, visit);
                }
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf", "prefixItems"])
        {
            if (schema.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in list.EnumerateArray())
                {
                    Each(child, visit);
                }
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["items", "additionalProperties"])
        {
            if (schema.TryGetProperty(name, out var child))
            {
                Each(child, visit);
            }
        }
    }

    private static void Visit(JsonElement schema, int depth, Stats stats)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        stats.MaxDepth = Math.Max(stats.MaxDepth, depth);
        stats.Rejected.AddRange(OpenAIRejected.Where(k => schema.TryGetProperty(k, out _)));
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            stats.EnumValues += values.GetArrayLength();
        }

        if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (var prop in props.EnumerateObject())
            {
                stats.Properties++;
                Visit(prop.Value, IsContainer(prop.Value) ? depth + 1 : depth, stats);
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["items", "additionalProperties"])
        {
            if (schema.TryGetProperty(name, out var child))
            {
                Visit(child, IsContainer(child) ? depth + 1 : depth, stats);
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in list.EnumerateArray())
                {
                    Visit(child, depth, stats);
                }
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["$defs", "definitions"])
        {
            if (schema.TryGetProperty(name, out var defs) && defs.ValueKind == JsonValueKind.Object)
            {
                foreach (var def in defs.EnumerateObject())
                {
                    Visit(def.Value, 1, stats);
                }
            }
        }
    }

    private static bool IsContainer(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("items", out _));

    private sealed class Stats
    {
        public int MaxDepth { get; set; }

        public int Properties { get; set; }

        public int EnumValues { get; set; }

        public List<string> Rejected { get; } = [];
    }
}
