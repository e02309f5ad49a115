using System.Text.Json.Nodes;

namespace Batchata;

/// <summary>Visits every subschema of a JSON schema tree (properties, items, combinators, definitions).</summary>
internal static class SchemaWalker
{
    private static readonly string[] SchemaMapKeywords = ["properties", "$defs", "definitions"];
    private static readonly string[] SchemaListKeywords = ["anyOf", "oneOf", "allOf", "prefixItems"];
    private static readonly string[] SchemaKeywords = ["items", "additionalProperties", "not"];

    /// <summary>Calls <paramref name="visit"/> on <paramref name="schema"/> and then on each of its subschemas, depth first.</summary>
    /// <param name="schema">The schema node.</param>
    /// <param name="visit">The callback; it may edit the node it receives.</param>
    public static void Walk(JsonNode? schema, Action<JsonObject> visit)
    {
        if (schema is not JsonObject obj)
        {
            return;
        }

        visit(obj);
        foreach (var keyword in SchemaMapKeywords)
        {
            if (obj[keyword] is JsonObject map)
            {
                foreach (var (_, child) in map.ToList())
                {
                    Walk(child, visit);
                }
            }
        }

        foreach (var keyword in SchemaListKeywords)
        {
            if (obj[keyword] is JsonArray list)
            {
                foreach (var child in list.ToList())
                {
                    Walk(child, visit);
                }
            }
        }

        foreach (var keyword in SchemaKeywords)
        {
            Walk(obj[keyword], visit);
        }
    }

    /// <summary>Returns whether a schema node describes an object (type object, or has properties).</summary>
    public static bool IsObject(JsonObject schema) =>
        HasType(schema, "object") || (schema["type"] is null && schema["properties"] is JsonObject);

    /// <summary>Returns whether the schema's "type" is or includes <paramref name="type"/>.</summary>
    public static bool HasType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue v => v.TryGetValue(out string? s) && s == type,
        JsonArray a => a.Any(t => t is JsonValue v && v.TryGetValue(out string? s) && s == type),
        _ => false,
    };
}
