using System.Text.Json;
using System.Text.Json.Nodes;

namespace Batchata;

/// <summary>Adapts a provider-neutral JSON schema to each provider's structured-output rules.</summary>
internal static class ProviderSchemas
{
    // Keywords outside OpenAI's strict subset are dropped from the wire; the real API refuses them with "'X' is not permitted"
    // (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas: strings pattern and format, numbers
    // minimum/maximum/exclusive*/multipleOf, arrays minItems/maxItems). Local validation still enforces the user's full schema.
    // A schema that needs allOf/not/if/dependent*/patternProperties is not rewritten but served by instruction (StructuredModes).
    private static readonly HashSet<string> OpenAIUnsupported =
        ["allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "patternProperties", "$schema", "$id", "default", "examples", "unevaluatedProperties",
         "minLength", "maxLength", "minProperties", "maxProperties", "propertyNames", "uniqueItems", "contains", "contentEncoding", "contentMediaType"];

    private static readonly HashSet<string> OpenAIFormats =
        ["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"];

    private static readonly HashSet<string> AnthropicUnsupported =
        ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "maxItems", "$schema", "$id"];

    private static readonly HashSet<string> GeminiKept =
        ["$defs", "$ref", "anyOf", "oneOf", "enum", "items", "prefixItems", "minItems", "maxItems", "minimum", "maximum",
         "properties", "additionalProperties", "required", "type", "format", "title", "description"];

    /// <summary>Returns the schema in OpenAI strict form: additionalProperties:false and all properties required on every object,
    /// optional properties made nullable, unsupported keywords removed, oneOf renamed anyOf.</summary>
    /// <param name="schema">The provider-neutral schema.</param>
    /// <returns>The OpenAI schema.</returns>
    public static JsonElement ForOpenAI(JsonElement schema) => Transform(schema, node =>
    {
        RemoveKeywords(node, OpenAIUnsupported.Contains);
        RenameOneOf(node);
        if (node["format"] is JsonValue f && (!f.TryGetValue(out string? format) || !OpenAIFormats.Contains(format)))
        {
            node.Remove("format");
        }

        if (!SchemaWalker.IsObject(node))
        {
            return;
        }

        node["additionalProperties"] = false;
        var props = node["properties"] as JsonObject ?? [];
        node["properties"] ??= props;
        var required = (node["required"] as JsonArray)?.Select(r => r?.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, prop) in props.ToList())
        {
            if (!required.Contains(name) && prop is JsonObject propSchema)
            {
                props[name] = MakeNullable(propSchema);
            }
        }

        node["required"] = new JsonArray([.. props.Select(p => (JsonNode?)JsonValue.Create(p.Key))]);
    });

    /// <summary>Returns the schema for Anthropic structured output: additionalProperties:false on objects and numeric/length
    /// limits removed (minItems above 1 dropped).</summary>
    /// <param name="schema">The provider-neutral schema.</param>
    /// <returns>The Anthropic schema.</returns>
    public static JsonElement ForAnthropic(JsonElement schema) => Transform(schema, node =>
    {
        RemoveKeywords(node, AnthropicUnsupported.Contains);
        RenameOneOf(node);
        if (node["minItems"] is JsonValue min && (!min.TryGetValue(out int minItems) || minItems > 1))
        {
            node.Remove("minItems");
        }

        if (SchemaWalker.IsObject(node))
        {
            node["additionalProperties"] = false;
        }
    });

    /// <summary>Returns the schema reduced to Gemini's responseJsonSchema subset (const becomes a one-value enum).</summary>
    /// <param name="schema">The provider-neutral schema.</param>
    /// <returns>The Gemini schema.</returns>
    public static JsonElement ForGemini(JsonElement schema) => Transform(schema, node =>
    {
        if (node["const"] is { } constant && node["enum"] is null)
        {
            node["enum"] = new JsonArray(constant.DeepClone());
        }

        RemoveKeywords(node, k => !GeminiKept.Contains(k));
    });

    /// <summary>Lists the reasons a schema cannot be used with a provider's structured output (empty when it can).</summary>
    /// <param name="schema">The provider-neutral schema.</param>
    /// <param name="provider">The provider id: "openai", "anthropic" or "gemini".</param>
    /// <returns>Human-readable problems.</returns>
    public static IReadOnlyList<string> CheckSupported(JsonElement schema, string provider) =>
        SchemaSupportChecker.Check(schema, provider);

    /// <summary>Turns a type name into a schema name matching [a-zA-Z0-9_-]{1,64}.</summary>
    /// <param name="typeName">The type name (may contain generics or namespaces).</param>
    /// <returns>The sanitized name; "response" when nothing usable remains.</returns>
    public static string SchemaName(string? typeName)
    {
        var chars = (typeName ?? string.Empty).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray();
        var name = new string(chars).Trim('_');
        if (name.Length == 0)
        {
            return "response";
        }

        return name.Length > 64 ? name[..64] : name;
    }

    private static JsonElement Transform(JsonElement schema, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(schema.GetRawText());
        SchemaWalker.Walk(root, edit);
        return JsonSerializer.SerializeToElement(root, JsonNodeContext.Default.JsonNode);
    }

    private static void RemoveKeywords(JsonObject node, Func<string, bool> remove)
    {
        foreach (var key in node.Select(p => p.Key).Where(remove).ToList())
        {
            node.Remove(key);
        }
    }

    private static void RenameOneOf(JsonObject node)
    {
        if (node["oneOf"] is { } oneOf && node["anyOf"] is null)
        {
            node.Remove("oneOf");
            node["anyOf"] = oneOf;
        }
    }

    private static JsonObject MakeNullable(JsonObject prop)
    {
        if (SchemaWalker.HasType(prop, "null"))
        {
            return prop;
        }

        switch (prop["type"])
        {
            case JsonValue single:
                prop["type"] = new JsonArray(single.DeepClone(), "null");
                return prop;
            case JsonArray many:
                many.Add((JsonNode)JsonValue.Create("null"));
                return prop;
            case null when prop["properties"] is JsonObject:
                prop["type"] = new JsonArray("object", "null");
                return prop;
            default:
                return new JsonObject { ["anyOf"] = new JsonArray(prop.DeepClone(), new JsonObject { ["type"] = "null" }) };
        }
    }
}
