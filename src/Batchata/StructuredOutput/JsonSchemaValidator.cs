using System.Text.Json;

namespace Batchata;

/// <summary>
/// A small JSON schema validator covering what structured-output schemas use: type (with unions and null),
/// required, properties, additionalProperties, enum, const, items, anyOf/oneOf, allOf and $ref to local pointers,
/// and the value constraints (string length and pattern, numeric bounds, array and object sizes; see the Constraints part)
/// that a provider's native structured output may not enforce: local validation always checks the user's full schema.
/// </summary>
internal sealed partial class JsonSchemaValidator
{
    private const int MaxRefDepth = 64;
    private readonly JsonElement _root;
    private readonly int _maxViolations;
    private readonly List<string> _violations = [];

    /// <summary>Initializes a new instance of the <see cref="JsonSchemaValidator"/> class.</summary>
    /// <param name="schema">The root schema (used to resolve $ref).</param>
    /// <param name="maxViolations">How many violations to collect before stopping.</param>
    public JsonSchemaValidator(JsonElement schema, int maxViolations = 5)
    {
        _root = schema;
        _maxViolations = maxViolations;
    }

    /// <summary>Validates <paramref name="value"/> against the schema.</summary>
    /// <param name="value">The JSON value.</param>
    /// <returns>The first violations found, each as "path: problem"; empty when valid.</returns>
    public IReadOnlyList<string> Validate(JsonElement value)
    {
        _violations.Clear();
        Check(value, _root, string.Empty, 0);
        return [.. _violations];
    }

    private bool Full => _violations.Count >= _maxViolations;

    private void Report(string path, string problem)
    {
        if (!Full)
        {
            _violations.Add($"{(path.Length == 0 ? "(root)" : path)}: {problem}");
        }
    }

    private void Check(JsonElement value, JsonElement schema, string path, int refDepth)
    {
        if (Full)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            Report(path, "no value is allowed here");
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            if (refDepth > MaxRefDepth || Resolve(reference.GetString()!) is not { } target)
            {
                Report(path, $"cannot resolve schema reference {reference.GetString()}");
                return;
            }

            Check(value, target, path, refDepth + 1);
        }

        if (!CheckType(value, schema, path))
        {
            return;
        }

        CheckEnumAndConst(value, schema, path);
        CheckCombinators(value, schema, path, refDepth);
        CheckConstraints(value, schema, path, refDepth);

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, schema, path, refDepth);
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{path}[{i++}]", refDepth);
            }
        }
    }

    private bool CheckType(JsonElement value, JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return true;
        }

        var allowed = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : type.ValueKind == JsonValueKind.String ? [type.GetString()!] : [];
        if (allowed.Count == 0 || allowed.Any(t => Matches(value, t)))
        {
            return true;
        }

        Report(path, $"expected {string.Join(" or ", allowed)}, got {Describe(value)}");
        return false;
    }

    private void CheckEnumAndConst(JsonElement value, JsonElement schema, string path)
    {
        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array
            && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
        {
            var shown = string.Join(", ", options.EnumerateArray().Take(10).Select(o => o.GetRawText()));
            Report(path, $"value {Shorten(value)} is not one of [{shown}]");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            Report(path, $"expected {constant.GetRawText()}, got {Shorten(value)}");
        }
    }

    private void CheckCombinators(JsonElement value, JsonElement schema, string path, int refDepth)
    {
        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array
                && !branches.EnumerateArray().Any(b => new JsonSchemaValidator(_root, 1).CheckOne(value, b, refDepth)))
            {
                Report(path, $"value {Shorten(value)} matches none of the allowed schemas");
            }
        }

        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
        {
            foreach (var branch in all.EnumerateArray())
            {
                Check(value, branch, path, refDepth);
            }
        }
    }

    private bool CheckOne(JsonElement value, JsonElement schema, int refDepth)
    {
        Check(value, schema, string.Empty, refDepth);
        return _violations.Count == 0;
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, int refDepth)
    {
        bool hasProps = schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object;
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String && !value.TryGetProperty(name.GetString()!, out _))
                {
                    Report(Join(path, name.GetString()!), "required property is missing");
                }
            }
        }

        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var member in value.EnumerateObject())
        {
            string memberPath = Join(path, member.Name);
            if (hasProps && props.TryGetProperty(member.Name, out var propSchema))
            {
                Check(member.Value, propSchema, memberPath, refDepth);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                Report(memberPath, "property is not allowed by the schema");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(member.Value, additional, memberPath, refDepth);
            }
        }
    }

    private JsonElement? Resolve(string reference)
    {
        if (reference == "#")
        {
            return _root;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var current = _root;
        foreach (var raw in reference[2..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out int index) && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static bool Matches(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static bool IsInteger(JsonElement number) =>
        number.TryGetInt64(out _) || (number.TryGetDouble(out double d) && Math.Floor(d) == d && !double.IsInfinity(d));

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsInteger(value) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string Shorten(JsonElement value)
    {
        string raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }

    internal static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
