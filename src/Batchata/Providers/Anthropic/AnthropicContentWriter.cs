using System.Text.Json;

namespace Batchata;

/// <summary>Writes the content parts of an Anthropic request: system prompt, messages, file blocks (protocols B.2, B.5).</summary>
internal static class AnthropicContentWriter
{
    /// <summary>Writes <c>system</c>: the system turns joined, as a string, or as one cacheable text block.</summary>
    public static void WriteSystem(Utf8JsonWriter w, JobRequest job)
    {
        string? system = null;
        foreach (var message in job.Messages)
        {
            if (message.Role == "system")
            {
                system = system is null ? message.Text : system + "\n\n" + message.Text;
            }
        }

        if (system is null)
        {
            return;
        }

        if (!job.CachePrefix)
        {
            w.WriteString("system"u8, system);
            return;
        }

        w.WriteStartArray("system"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "text");
        w.WriteString("text"u8, system);
        WriteCacheControl(w);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>Writes <c>messages</c>; the last user turn carries the file block and, when given, the JSON instruction.</summary>
    public static void WriteMessages(Utf8JsonWriter w, JobRequest job, LoadedFile? file, JsonElement? instructionSchema)
    {
        var lastUser = -1;
        for (var i = 0; i < job.Messages.Count; i++)
        {
            if (job.Messages[i].Role == "user")
            {
                lastUser = i;
            }
        }

        w.WriteStartArray("messages"u8);
        for (var i = 0; i < job.Messages.Count; i++)
        {
            var message = job.Messages[i];
            if (message.Role == "system")
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("role"u8, message.Role);
            var last = i == lastUser;
            if (message.Parts is null && (!last || (file is null && instructionSchema is null)))
            {
                w.WriteString("content"u8, message.Text);
            }
            else
            {
                w.WriteStartArray("content"u8);
                if (last && file is not null)
                {
                    WriteFileBlock(w, file, job, job.CachePrefix);
                }

                if (message.Parts is { } parts)
                {
                    WriteParts(w, parts, job, last && file is null && job.CachePrefix);
                    if (last && instructionSchema is { } schema)
                    {
                        WriteText(w, JsonInstruction(schema).TrimStart('\n'));
                    }
                }
                else
                {
                    WriteText(w, last && instructionSchema is { } schema ? message.Text + JsonInstruction(schema) : message.Text);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "text");
        w.WriteString("text"u8, text);
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes the content parts of a message in order: text blocks, image and document blocks from inline data, image
    /// blocks with a URL source (https://docs.anthropic.com/en/docs/build-with-claude/vision: <c>source.type</c> base64
    /// or url). With <paramref name="cacheLast"/>, the last image or document carries the cache breakpoint.
    /// </summary>
    private static void WriteParts(Utf8JsonWriter w, IReadOnlyList<JobPart> parts, JobRequest job, bool cacheLast)
    {
        var lastMedia = -1;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Kind != JobPartKind.Text)
            {
                lastMedia = i;
            }
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            switch (part.Kind)
            {
                case JobPartKind.Text:
                    WriteText(w, part.Text ?? "");
                    break;
                case JobPartKind.Data:
                    WriteFileBlock(w, part.ToLoadedFile(), job, cacheLast && i == lastMedia);
                    break;
                default:
                    w.WriteStartObject();
                    w.WriteString("type"u8, "image");
                    w.WriteStartObject("source"u8);
                    w.WriteString("type"u8, "url");
                    w.WriteString("url"u8, part.Uri);
                    w.WriteEndObject();
                    if (cacheLast && i == lastMedia)
                    {
                        WriteCacheControl(w);
                    }

                    w.WriteEndObject();
                    break;
            }
        }
    }

    private static void WriteFileBlock(Utf8JsonWriter w, LoadedFile file, JobRequest job, bool cache)
    {
        w.WriteStartObject();
        if (file.Kind == JobFileKind.Image)
        {
            w.WriteString("type"u8, "image");
            w.WriteStartObject("source"u8);
            w.WriteString("type"u8, "base64");
            w.WriteString("media_type"u8, file.MediaType);
            w.WriteBase64String("data"u8, file.Bytes);
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("type"u8, "document");
            w.WriteStartObject("source"u8);
            if (file.Kind == JobFileKind.Pdf)
            {
                w.WriteString("type"u8, "base64");
                w.WriteString("media_type"u8, "application/pdf");
                w.WriteBase64String("data"u8, file.Bytes);
            }
            else
            {
                w.WriteString("type"u8, "text");
                w.WriteString("media_type"u8, "text/plain");
                w.WriteString("data"u8, file.Text);
            }

            w.WriteEndObject();
            w.WriteString("title"u8, file.FileName);
            if (job.EnableCitations)
            {
                w.WriteStartObject("citations"u8);
                w.WriteBoolean("enabled"u8, true);
                w.WriteEndObject();
            }
        }

        if (cache)
        {
            WriteCacheControl(w);
        }

        w.WriteEndObject();
    }

    private static void WriteCacheControl(Utf8JsonWriter w)
    {
        w.WriteStartObject("cache_control"u8);
        w.WriteString("type"u8, "ephemeral");
        w.WriteString("ttl"u8, "1h");
        w.WriteEndObject();
    }

    /// <summary>The instruction appended to the prompt when the schema cannot be enforced natively.</summary>
    internal static string JsonInstruction(JsonElement schema) => Batchata.JsonInstruction.For(schema);
}
