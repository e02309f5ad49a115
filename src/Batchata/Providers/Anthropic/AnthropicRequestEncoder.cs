using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Batchata;

/// <summary>
/// Serializes a <see cref="JobRequest"/> into one Anthropic batch request line
/// (<c>{"custom_id":…,"params":{…}}</c>, protocols A.3/B) with a <see cref="Utf8JsonWriter"/> over a
/// per-thread reused buffer: no intermediate DOM per request.
/// </summary>
internal static class AnthropicRequestEncoder
{
    /// <summary>The name of the forced tool that carries a structured answer.</summary>
    public const string ToolName = "emit";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>Chooses how the schema of <paramref name="job"/> is enforced on <paramref name="model"/>.</summary>
    /// <remarks>
    /// Citations come back only in text blocks, so they get the prompt instruction (protocols B.4: citations with
    /// <c>output_config.format</c> are reported to 400). Forced tool use is impossible on FT models and while
    /// thinking is on (AO models, or a <c>thinking</c> parameter other than disabled).
    /// </remarks>
    public static AnthropicStructuredMode StructuredMode(JobRequest job, ModelInfo model)
        => job.ResponseSchema is null ? AnthropicStructuredMode.None
            : job.EnableCitations ? AnthropicStructuredMode.PromptInstruction
            : model.Capabilities.StructuredOutput ? AnthropicStructuredMode.OutputConfig
            : CanForceTool(job, model) ? AnthropicStructuredMode.ForcedTool
            : AnthropicStructuredMode.PromptInstruction;

    private static bool CanForceTool(JobRequest job, ModelInfo model)
    {
        if (model.Capabilities.NoForcedToolUse || model.Capabilities.ThinkingAlwaysOn)
        {
            return false;
        }

        return job.AdditionalParams is not { ValueKind: JsonValueKind.Object } extra
               || !extra.TryGetProperty("thinking", out var thinking)
               || (thinking.ValueKind == JsonValueKind.Object && thinking.TryGetProperty("type", out var type)
                   && type.ValueKind == JsonValueKind.String && type.ValueEquals("disabled"u8));
    }

    /// <summary>Encodes one job as a request line (UTF-8 JSON, no newline).</summary>
    public static byte[] Encode(JobRequest job, ModelInfo model)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            Write(writer, job, model);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > 4 * 1024 * 1024)
            {
                t_buffer = null; // do not keep a huge (file-sized) buffer alive per thread
                t_writer = null;
            }
        }
    }

    private static void Write(Utf8JsonWriter w, JobRequest job, ModelInfo model)
    {
        var mode = StructuredMode(job, model);
        var file = job.File is { } f ? AnthropicShared.LoadFile(f) : null;
        JsonElement? schema = job.ResponseSchema is { } s ? AnthropicShared.Schema(s) : null;
        var extra = job.AdditionalParams is { ValueKind: JsonValueKind.Object } a ? a : (JsonElement?)null;

        w.WriteStartObject();
        w.WriteString("custom_id"u8, job.Id);
        w.WriteStartObject("params"u8);
        w.WriteString("model"u8, model.Id);
        w.WriteNumber("max_tokens"u8, job.MaxTokens);
        WriteSystem(w, job);
        WriteMessages(w, job, file, mode == AnthropicStructuredMode.PromptInstruction ? schema : null);
        if (job.Temperature is { } temperature)
        {
            w.WriteNumber("temperature"u8, temperature);
        }

        var extraOutputConfig = extra is { } e1 && e1.TryGetProperty("output_config", out var oc) && oc.ValueKind == JsonValueKind.Object ? oc : (JsonElement?)null;
        var extraTools = extra is { } e2 && e2.TryGetProperty("tools", out var tl) && tl.ValueKind == JsonValueKind.Array ? tl : (JsonElement?)null;
        if (mode == AnthropicStructuredMode.OutputConfig || extraOutputConfig is not null)
        {
            w.WriteStartObject("output_config"u8);
            if (extraOutputConfig is { } config)
            {
                foreach (var property in config.EnumerateObject())
                {
                    if (mode != AnthropicStructuredMode.OutputConfig || !property.NameEquals("format"u8))
                    {
                        property.WriteTo(w);
                    }
                }
            }

            if (mode == AnthropicStructuredMode.OutputConfig)
            {
                w.WriteStartObject("format"u8);
                w.WriteString("type"u8, "json_schema");
                w.WritePropertyName("schema"u8);
                schema!.Value.WriteTo(w);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (mode == AnthropicStructuredMode.ForcedTool || extraTools is not null)
        {
            w.WriteStartArray("tools"u8);
            if (mode == AnthropicStructuredMode.ForcedTool)
            {
                w.WriteStartObject();
                w.WriteString("name"u8, ToolName);
                w.WriteString("description"u8, "Return the complete answer as this tool's input.");
                w.WritePropertyName("input_schema"u8);
                schema!.Value.WriteTo(w);
                w.WriteEndObject();
            }

            if (extraTools is { } tools)
            {
                foreach (var tool in tools.EnumerateArray())
                {
                    tool.WriteTo(w);
                }
            }

            w.WriteEndArray();
        }

        if (mode == AnthropicStructuredMode.ForcedTool)
        {
            w.WriteStartObject("tool_choice"u8);
            w.WriteString("type"u8, "tool");
            w.WriteString("name"u8, ToolName);
            w.WriteEndObject();
        }

        if (extra is { } additional)
        {
            foreach (var property in additional.EnumerateObject())
            {
                if (property.NameEquals("output_config"u8) || property.NameEquals("tools"u8)
                    || (mode == AnthropicStructuredMode.ForcedTool && property.NameEquals("tool_choice"u8)))
                {
                    continue; // merged above
                }

                property.WriteTo(w);
            }
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteSystem(Utf8JsonWriter w, JobRequest job)
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

    private static void WriteMessages(Utf8JsonWriter w, JobRequest job, LoadedFile? file, JsonElement? instructionSchema)
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
            if (i != lastUser || (file is null && instructionSchema is null))
            {
                w.WriteString("content"u8, message.Text);
            }
            else
            {
                w.WriteStartArray("content"u8);
                if (file is not null)
                {
                    WriteFileBlock(w, file, job);
                }

                w.WriteStartObject();
                w.WriteString("type"u8, "text");
                w.WriteString("text"u8, instructionSchema is { } schema ? message.Text + JsonInstruction(schema) : message.Text);
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteFileBlock(Utf8JsonWriter w, LoadedFile file, JobRequest job)
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

        if (job.CachePrefix)
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
    internal static string JsonInstruction(JsonElement schema)
        => "\n\nAnswer with a single JSON object that matches this JSON schema, and nothing else (no prose, no code fences):\n"
           + schema.GetRawText();
}
