using System.Text.Json;
using System.Text.Json.Nodes;

namespace Batchata.Emulator.Core;

/// <summary>Builds a valid JSON instance of a JSON Schema (or Gemini OpenAPI-style schema) from input words and numbers.</summary>
internal sealed class SchemaInstanceBuilder
{
    private const int MaxDepth = 12;
    private readonly JsonElement _root;
    private readonly TextSource _text;
    private readonly SpanSource? _spans;

    public SchemaInstanceBuilder(JsonElement root, TextSource text, SpanSource? spans)
    {
        _root = root;
        _text = text;
        _spans = spans is { IsEmpty: false } ? spans : null;
    }

    /// <summary>Gets the string values that quote a document span.</summary>
    public Dictionary<JsonNode, CitationSpan> Cited { get; } = new(ReferenceEqualityComparer.Instance);

    public JsonNode? Build() => Build(_root, 0);

    private JsonNode? Build(JsonElement schema, int depth)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object)
        {
            return JsonValue.Create(_text.NextWords());
        }

        if (schema.TryGetProperty("$ref", out var reference) && Resolve(reference.GetString()) is { } target)
        {
            return depth > MaxDepth ? null : Build(target, depth + 1);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in values.EnumerateArray())
            {
                if (value.ValueKind != JsonValueKind.Null)
                {
                    return JsonNode.Parse(value.GetRawText());
                }
            }

            return null;
        }

        foreach (var union in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(union, out var branches) && branches.ValueKind == JsonValueKind.Array)
            {
                var chosen = branches.EnumerateArray().FirstOrDefault(b => TypeOf(b) != "null");
                return chosen.ValueKind == JsonValueKind.Undefined ? null : Build(chosen, depth + 1);
            }
        }

        return TypeOf(schema) switch
        {
            "object" => depth > MaxDepth ? null : BuildObject(schema, depth),
            "array" => depth > MaxDepth ? new JsonArray() : BuildArray(schema, depth),
            "integer" => JsonValue.Create(Clamp(schema, _text.NextNumber())),
            "number" => JsonValue.Create(Clamp(schema, _text.NextNumber())),
            "boolean" => JsonValue.Create(true),
            "null" => null,
            _ => BuildString(schema),
        };
    }

    private JsonObject BuildObject(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        if (schema.TryGetProperty("propertyOrdering", out var ordering) && ordering.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in ordering.EnumerateArray().Select(n => n.GetString()!))
            {
                if (properties.TryGetProperty(name, out var sub))
                {
                    result[name] = Build(sub, depth + 1);
                }
            }
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (!result.ContainsKey(property.Name))
            {
                result[property.Name] = Build(property.Value, depth + 1);
            }
        }

        return result;
    }

    private JsonArray BuildArray(JsonElement schema, int depth)
    {
        var result = new JsonArray();
        if (schema.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in prefix.EnumerateArray())
            {
                result.Add(Build(item, depth + 1));
            }

            return result;
        }

        var count = 2;
        if (schema.TryGetProperty("maxItems", out var max) && max.TryGetInt32(out var maxItems))
        {
            count = Math.Min(count, maxItems);
        }

        if (schema.TryGetProperty("minItems", out var min) && min.TryGetInt32(out var minItems))
        {
            count = Math.Max(count, Math.Min(minItems, 5));
        }

        var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
        for (var i = 0; i < count; i++)
        {
            result.Add(items.ValueKind == JsonValueKind.Undefined ? JsonValue.Create(_text.NextWords()) : Build(items, depth + 1));
        }

        return result;
    }

    private JsonValue BuildString(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var fixedValue = format switch
        {
            "date-time" => "2026-01-01T00:00:00Z",
            "date" => "2026-01-01",
            "time" => "12:00:00",
            "email" => "emulated@example.com",
            "uuid" => "00000000-0000-4000-8000-000000000000",
            "uri" => "https://example.com/",
            "ipv4" => "127.0.0.1",
            _ => null,
        };
        if (fixedValue is not null)
        {
            return JsonValue.Create(fixedValue);
        }

        if (_spans is not null)
        {
            var span = _spans.Next();
            var cited = JsonValue.Create(span.CitedText);
            Cited[cited] = span;
            return cited;
        }

        return JsonValue.Create(_text.NextWords());
    }

    private static long Clamp(JsonElement schema, long value)
    {
        if (schema.TryGetProperty("minimum", out var min) && min.TryGetDouble(out var lo) && value < lo)
        {
            value = (long)Math.Ceiling(lo);
        }

        if (schema.TryGetProperty("maximum", out var max) && max.TryGetDouble(out var hi) && value > hi)
        {
            value = (long)Math.Floor(hi);
        }

        return value;
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "string";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!.ToLowerInvariant();
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.GetString()!.ToLowerInvariant()).ToList();
                return types.FirstOrDefault(t => t != "null") ?? "null";
            }
        }

        if (schema.TryGetProperty("properties", out _))
        {
            return "object";
        }

        return schema.TryGetProperty("items", out _) ? "array" : "string";
    }

    private JsonElement? Resolve(string? pointer)
    {
        if (pointer is null || !pointer.StartsWith('#'))
        {
            return null;
        }

        var current = _root;
        foreach (var segment in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }
}
