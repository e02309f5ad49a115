using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Batchata;

/// <summary>The value constraints: minLength/maxLength/pattern, minimum/maximum/exclusive*/multipleOf, minItems/maxItems/uniqueItems/contains, minProperties/maxProperties/propertyNames.</summary>
internal sealed partial class JsonSchemaValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    private void CheckConstraints(JsonElement value, JsonElement schema, string path, int refDepth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(value.GetString()!, schema, path);
                break;
            case JsonValueKind.Number:
                CheckNumber(value.GetDouble(), schema, path);
                break;
            case JsonValueKind.Array:
                CheckArray(value, schema, path, refDepth);
                break;
            case JsonValueKind.Object:
                CheckObjectSize(value, schema, path, refDepth);
                break;
        }
    }

    private void CheckString(string text, JsonElement schema, string path)
    {
        // JSON Schema counts characters as code points, not UTF-16 units.
        var length = text.EnumerateRunes().Count();
        if (Number(schema, "minLength") is { } min && length < min)
        {
            Report(path, $"string is {length} characters long, shorter than minLength {min}");
        }

        if (Number(schema, "maxLength") is { } max && length > max)
        {
            Report(path, $"string is {length} characters long, longer than maxLength {max}");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
        {
            try
            {
                if (!Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, PatternTimeout))
                {
                    Report(path, $"string does not match the pattern {pattern.GetString()}");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or RegexMatchTimeoutException)
            {
                // A pattern .NET cannot run is not held against the answer.
            }
        }
    }

    private void CheckNumber(double number, JsonElement schema, string path)
    {
        string Shown(double d) => d.ToString(CultureInfo.InvariantCulture);
        if (Number(schema, "minimum") is { } min && number < min)
        {
            Report(path, $"{Shown(number)} is less than the minimum {Shown(min)}");
        }

        if (Number(schema, "maximum") is { } max && number > max)
        {
            Report(path, $"{Shown(number)} is greater than the maximum {Shown(max)}");
        }

        if (Number(schema, "exclusiveMinimum") is { } xmin && number <= xmin)
        {
            Report(path, $"{Shown(number)} is not greater than the exclusive minimum {Shown(xmin)}");
        }

        if (Number(schema, "exclusiveMaximum") is { } xmax && number >= xmax)
        {
            Report(path, $"{Shown(number)} is not less than the exclusive maximum {Shown(xmax)}");
        }

        if (Number(schema, "multipleOf") is { } step && step > 0)
        {
            var quotient = number / step;
            if (Math.Abs(quotient - Math.Round(quotient)) > 1e-9 * Math.Max(1, Math.Abs(quotient)))
            {
                Report(path, $"{Shown(number)} is not a multiple of {Shown(step)}");
            }
        }
    }

    private void CheckArray(JsonElement array, JsonElement schema, string path, int refDepth)
    {
        var count = array.GetArrayLength();
        if (Number(schema, "minItems") is { } min && count < min)
        {
            Report(path, $"array has {count} items, fewer than minItems {min}");
        }

        if (Number(schema, "maxItems") is { } max && count > max)
        {
            Report(path, $"array has {count} items, more than maxItems {max}");
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            var items = array.EnumerateArray().ToList();
            for (var i = 1; i < items.Count; i++)
            {
                if (items.Take(i).Any(earlier => JsonElement.DeepEquals(earlier, items[i])))
                {
                    Report($"{path}[{i}]", "duplicate item, but the schema asks for uniqueItems");
                    break;
                }
            }
        }

        if (schema.TryGetProperty("contains", out var contains) && contains.ValueKind is JsonValueKind.Object or JsonValueKind.False
            && !array.EnumerateArray().Any(item => new JsonSchemaValidator(_root, 1).CheckOne(item, contains, refDepth)))
        {
            Report(path, "no item matches the schema's contains");
        }
    }

    private void CheckObjectSize(JsonElement value, JsonElement schema, string path, int refDepth)
    {
        var count = value.EnumerateObject().Count();
        if (Number(schema, "minProperties") is { } min && count < min)
        {
            Report(path, $"object has {count} properties, fewer than minProperties {min}");
        }

        if (Number(schema, "maxProperties") is { } max && count > max)
        {
            Report(path, $"object has {count} properties, more than maxProperties {max}");
        }

        if (schema.TryGetProperty("propertyNames", out var names) && names.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in value.EnumerateObject())
            {
                using var name = JsonDocument.Parse(JsonSerializer.Serialize(member.Name, JsonNodeContext.Default.String));
                if (!new JsonSchemaValidator(_root, 1).CheckOne(name.RootElement, names, refDepth))
                {
                    Report(Join(path, member.Name), "property name is not allowed by propertyNames");
                }
            }
        }
    }

    private static double? Number(JsonElement schema, string keyword)
        => schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
