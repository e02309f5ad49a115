using System.Globalization;
using System.Text.Json;

namespace Batchata;

/// <summary>Tolerant readers for the fields of the providers' models answers.</summary>
internal static class ModelJson
{
    public static string? String(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Reads a date from <c>YYYY-MM-DD</c>, an RFC 3339 time, or Unix seconds.</summary>
    public static DateOnly? Date(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var seconds))
        {
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime);
        }

        var text = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }

    public static long? Long(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n > 0 ? n : null;

    public static bool? Bool(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>Anthropic-style <c>capabilities.X</c> as either a boolean or <c>{supported: bool}</c>.</summary>
    public static bool? Capability(JsonElement capabilities, string name)
    {
        if (capabilities.ValueKind != JsonValueKind.Object || !capabilities.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True or JsonValueKind.False => v.GetBoolean(),
            JsonValueKind.Object => Bool(v, "supported"),
            _ => null,
        };
    }

    public static JsonElement Array(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v : default;

    public static IEnumerable<JsonElement> Items(JsonElement array)
        => array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];
}
