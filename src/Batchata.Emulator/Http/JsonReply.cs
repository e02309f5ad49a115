using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Http;

/// <summary>Writes JSON responses and formats timestamps.</summary>
internal static class JsonReply
{
    /// <summary>The <see cref="HttpContext.Items"/> key that makes replies vanish (a lost-answer fault).</summary>
    public const string DiscardKey = "batchata.emulator.discard";

    /// <summary>
    /// Writes a JSON reply straight into the response pipe (pooled segments), so a large reply, such as a Gemini
    /// operation with thousands of inline responses, never becomes one large buffer.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        if (context.Items.ContainsKey(DiscardKey))
        {
            using var discard = new Utf8JsonWriter(Stream.Null);
            write(discard);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            write(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>RFC 3339 with microseconds and <c>Z</c> (Anthropic).</summary>
    public static string Micros(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 with nanoseconds and <c>Z</c> (Google).</summary>
    public static string Nanos(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);

    public static void WriteNullableString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static async Task<JsonDocument?> TryReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? GetStringOrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Gets a property by either of two spellings (snake_case or camelCase).</summary>
    public static bool TryGet(this JsonElement element, string a, string b, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && (element.TryGetProperty(a, out value) || element.TryGetProperty(b, out value));
    }
}
