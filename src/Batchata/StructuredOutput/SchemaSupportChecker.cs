using System.Text.Json;

namespace Batchata;

/// <summary>Checks a schema against a provider's structured-output limits, for validation when a job is added.</summary>
internal static class SchemaSupportChecker
{
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
