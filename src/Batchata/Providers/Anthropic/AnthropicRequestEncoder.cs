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
    /// <para>
    /// A schema over Anthropic's complexity limits (16 union-typed and 24 optional parameters, no recursion) and a job whose
    /// last turn is an assistant prefill (which cannot be combined with <c>output_config.format</c>) also get the instruction:
    /// https://platform.claude.com/docs/en/build-with-claude/structured-outputs ("Schema complexity limits", "Feature
    /// compatibility"). The choice made at <c>AddJob</c> is stored in <see cref="JobRequest.StructuredMode"/>.
    /// </para>
    public static AnthropicStructuredMode StructuredMode(JobRequest job, ModelInfo model)
        => job.ResponseSchema is null ? AnthropicStructuredMode.None
            : job.EnableCitations || job.StructuredMode == StructuredModes.Instructed ? AnthropicStructuredMode.PromptInstruction
            : job.StructuredMode is null && !FitsNative(job) ? AnthropicStructuredMode.PromptInstruction
            : model.Capabilities.StructuredOutput ? AnthropicStructuredMode.OutputConfig
            : CanForceTool(job, model) ? AnthropicStructuredMode.ForcedTool
            : AnthropicStructuredMode.PromptInstruction;

    private static bool FitsNative(JobRequest job)
        => (job.Messages.Count == 0 || job.Messages[^1].Role != "assistant")
           && SchemaCache.FitsNative(job.ResponseSchema!.Value, ProviderDescriptors.AnthropicName);

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
        AnthropicContentWriter.WriteSystem(w, job);
        AnthropicContentWriter.WriteMessages(w, job, file, mode == AnthropicStructuredMode.PromptInstruction ? schema : null);
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
}
