using System.Text.Json;
using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>
/// Writes a <see cref="Citation"/> in Python batchata's shape — <c>{"text", "source", "page", "metadata"}</c>, the four
/// fields its <c>Citation</c> dataclass takes (so <c>Citation(**c)</c> and <c>JobResult.from_dict</c> read it) — with
/// the position fields (<c>end_page</c>, <c>start_char</c>, <c>end_char</c>, <c>document_index</c>, <c>kind</c>) and the
/// mapping fields (<c>confidence</c>, <c>match_reason</c>) under <c>metadata</c>. Reads that shape and also the flat
/// one of result files written by earlier versions.
/// </summary>
internal sealed class CitationJsonConverter : JsonConverter<Citation>
{
    public override Citation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A citation must be a JSON object.");
        }

        var meta = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        JsonElement? Field(string name)
            => root.TryGetProperty(name, out var flat) && flat.ValueKind != JsonValueKind.Null ? flat
                : meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty(name, out var nested) && nested.ValueKind != JsonValueKind.Null ? nested
                : null;
        int? Int(string name) => Field(name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var i) ? i : null;
        string? Str(string name) => Field(name) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

        return new Citation
        {
            Text = Str("text") ?? throw new JsonException("A citation needs a 'text'."),
            Source = Str("source") ?? "Document",
            Page = Int("page"),
            EndPage = Int("end_page"),
            StartChar = Int("start_char"),
            EndChar = Int("end_char"),
            DocumentIndex = Int("document_index") ?? 0,
            Kind = Str("kind"),
            Confidence = Str("confidence"),
            MatchReason = Str("match_reason"),
        };
    }

    public override void Write(Utf8JsonWriter writer, Citation value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("text", value.Text);
        writer.WriteString("source", value.Source);
        if (value.Page is { } page)
        {
            writer.WriteNumber("page", page);
        }
        else
        {
            writer.WriteNull("page");
        }

        writer.WriteStartObject("metadata");
        WriteIf(writer, "end_page", value.EndPage);
        WriteIf(writer, "start_char", value.StartChar);
        WriteIf(writer, "end_char", value.EndChar);
        writer.WriteNumber("document_index", value.DocumentIndex);
        WriteIf(writer, "kind", value.Kind);
        WriteIf(writer, "confidence", value.Confidence);
        WriteIf(writer, "match_reason", value.MatchReason);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteIf(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteIf(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
