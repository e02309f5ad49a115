using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Batchata;

/// <summary>Writes one job as a Gemini batch JSONL line <c>{"key", "request"}</c> (protocols D.3, D.6).</summary>
internal static class GeminiRequestEncoder
{
    /// <summary>Encodes one job (reads its file, once).</summary>
    public static byte[] Encode(JobRequest job)
    {
        var file = job.File is { } jobFile ? FileContentReader.Read(jobFile) : null;
        return JsonLineWriter.Write((job, file), static (writer, s) =>
        {
            writer.WriteStartObject();
            writer.WriteString("key", s.job.Id);
            writer.WritePropertyName("request");
            WriteRequest(writer, s.job, s.file);
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes the inline form of a file line: <c>{"request": …, "metadata": {"key": id}}</c>, copying the request's raw JSON.</summary>
    public static void WriteInline(Utf8JsonWriter writer, ReadOnlyMemory<byte> line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        writer.WriteStartObject();
        writer.WritePropertyName("request");
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(root.GetProperty("request")), skipInputValidation: true);
        writer.WriteStartObject("metadata");
        writer.WriteString("key", root.GetProperty("key").GetString());
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter writer, JobRequest job, LoadedFile? file)
    {
        writer.WriteStartObject();
        var lastUser = ContentParts.LastUser(job);
        writer.WriteStartArray("contents");
        for (var i = 0; i < job.Messages.Count; i++)
        {
            var message = job.Messages[i];
            if (message.Role == "system")
            {
                continue;
            }
            writer.WriteStartObject();
            writer.WriteString("role", message.Role == "assistant" ? "model" : "user");
            writer.WriteStartArray("parts");
            ContentParts.Write<GeminiParts>(writer, job, i, lastUser, file, instructed: false);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (job.Messages.Any(m => m.Role == "system"))
        {
            writer.WriteStartObject("system_instruction");
            writer.WriteStartArray("parts");
            foreach (var message in job.Messages.Where(m => m.Role == "system"))
            {
                GeminiParts.Text(writer, message.Text);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        WriteGenerationConfig(writer, job);
        if (job.AdditionalParams is { ValueKind: JsonValueKind.Object } extra)
        {
            foreach (var property in extra.EnumerateObject())
            {
                if (GeminiParameters.IsRequestLevel(GeminiParameters.ToCamel(property.Name)))
                {
                    writer.WritePropertyName("safety_settings");
                    property.Value.WriteTo(writer);
                }
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteGenerationConfig(Utf8JsonWriter writer, JobRequest job)
    {
        writer.WriteStartObject("generation_config");
        writer.WriteNumber("max_output_tokens", job.MaxTokens);
        if (job.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }
        if (job.ResponseSchema is { } schema)
        {
            writer.WriteString("response_mime_type", "application/json");
            writer.WritePropertyName("response_json_schema");
            SchemaCache.Wire(schema, ProviderDescriptors.GeminiName).WriteTo(writer);
        }
        if (job.AdditionalParams is { ValueKind: JsonValueKind.Object } extra)
        {
            foreach (var property in extra.EnumerateObject())
            {
                var name = GeminiParameters.ToCamel(property.Name);
                if (!GeminiParameters.IsRequestLevel(name))
                {
                    writer.WritePropertyName(name);
                    property.Value.WriteTo(writer);
                }
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Gemini parts: <c>text</c>, <c>inline_data</c> for images and PDFs, a text document as text headed by its name,
    /// <c>file_data</c> with <c>file_uri</c> for image URLs (https://ai.google.dev/gemini-api/docs/file-input-methods:
    /// external URLs are accepted by every endpoint, batch included).
    /// </summary>
    private sealed class GeminiParts : IContentPartWriter
    {
        public static void Text(Utf8JsonWriter writer, string text)
        {
            writer.WriteStartObject();
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        public static void File(Utf8JsonWriter writer, LoadedFile file)
        {
            if (file.Kind is JobFileKind.Image or JobFileKind.Pdf)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("inline_data");
                writer.WriteString("mime_type", file.MediaType);
                writer.WriteString("data", file.Base64);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            else
            {
                Text(writer, $"{file.FileName}:\n\n{file.Text}");
            }
        }

        public static void ImageUrl(Utf8JsonWriter writer, JobPart part)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("file_data");
            writer.WriteString("mime_type", part.MediaType);
            writer.WriteString("file_uri", part.Uri);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}
