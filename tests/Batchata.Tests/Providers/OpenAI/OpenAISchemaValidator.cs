using System.Text.Json;

namespace Batchata.Tests.Providers.OpenAI;

/// <summary>
/// A small JSON-schema checker for the OpenAPI fixture: type (with nullable), required, enum, properties
/// (unknown properties are errors unless additionalProperties allows them), items, minItems, anyOf/oneOf, minimum/maximum.
/// </summary>
internal static class OpenAISchemaValidator
{
    private static readonly Lazy<JsonDocument> Fixture = new(() => JsonDocument.Parse(File.ReadAllText(FindFixture())));

    /// <summary>Gets a schema of the fixture by name.</summary>
    public static JsonElement Schema(string name) => Fixture.Value.RootElement.GetProperty(name);

    /// <summary>Returns the errors of <paramref name="value"/> against <paramref name="schema"/> (empty when valid).</summary>
    public static List<string> Validate(JsonElement value, JsonElement schema, string path = "$")
    {
        var errors = new List<string>();
        Check(value, schema, path, errors);
        return errors;
    }

    private static void Check(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean())
        {
            return;
        }
        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var options))
            {
                var all = new List<string>();
                foreach (var option in options.EnumerateArray())
                {
                    var sub = Validate(value, option, path);
                    if (sub.Count == 0)
                    {
                        all.Clear();
                        break;
                    }
                    all.AddRange(sub);
                }
                if (all.Count > 0)
                {
                    errors.Add($"{path}: matches no {keyword} option ({string.Join(" | ", all.Take(6))})");
                    return;
                }
            }
        }
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(value, type.GetString()!))
        {
            errors.Add($"{path}: expected {type.GetString()}, got {value.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {values.GetRawText()}");
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble())
            {
                errors.Add($"{path}: below minimum {min}");
            }
            if (schema.TryGetProperty("maximum", out var max) && value.GetDouble() > max.GetDouble())
            {
                errors.Add($"{path}: above maximum {max}");
            }
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, schema, path, errors);
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (schema.TryGetProperty("minItems", out var minItems) && value.GetArrayLength() < minItems.GetInt32())
            {
                errors.Add($"{path}: fewer than {minItems} items");
            }
            if (schema.TryGetProperty("items", out var items))
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, $"{path}[{i++}]", errors);
                }
            }
        }
    }

    private static void CheckObject(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray())
            {
                if (!value.TryGetProperty(name.GetString()!, out _))
                {
                    errors.Add($"{path}: missing required '{name.GetString()}'");
                }
            }
        }
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return;
        }
        var open = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.False;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, $"{path}.{property.Name}", errors);
            }
            else if (!open)
            {
                errors.Add($"{path}: unknown property '{property.Name}'");
            }
        }
    }

    private static bool TypeMatches(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string FindFixture()
    {
        const string relative = "Providers/OpenAI/Fixtures/openai-schemas.json";
        var output = Path.Combine(AppContext.BaseDirectory, relative);
        if (File.Exists(output))
        {
            return output;
        }
        // Not copied to the output: find the source folder above the test binaries.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Batchata.Tests", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("openai-schemas.json fixture not found", relative);
    }
}
