using System.Text.Json;

namespace Batchata;

/// <summary>
/// Writes the body of a <c>/v1/responses</c> batch line (CreateResponse in the OpenAI spec, reference/openai-openapi.json):
/// system turns as <c>instructions</c>, the conversation as <c>input</c> messages whose user content is a list of parts
/// (<c>input_text</c>, <c>input_image</c>, <c>input_file</c>), <c>max_output_tokens</c>, <c>text.format</c> for a schema,
/// <c>reasoning.effort</c> and <c>text.verbosity</c> from the chat-style parameters.
/// </summary>
internal static class OpenAIResponsesEncoder
{
    /// <summary>Writes the body object.</summary>
    public static void WriteBody(Utf8JsonWriter writer, JobRequest job, ModelInfo model, LoadedFile? file)
    {
        var instructed = OpenAIRequestEncoder.Instructed(job, model);
        var extra = job.AdditionalParams is { ValueKind: JsonValueKind.Object } e ? e : (JsonElement?)null;
        writer.WriteStartObject();
        writer.WriteString("model", job.Model);
        WriteInstructions(writer, job);
        WriteInput(writer, job, file, instructed);
        writer.WriteNumber("max_output_tokens", job.MaxTokens);
        if (job.Temperature is { } temperature && !model.Capabilities.Reasoning)
        {
            writer.WriteNumber("temperature", temperature);
        }
        WriteText(writer, job, instructed, extra);
        WriteReasoning(writer, extra);
        if (extra is { } additional)
        {
            foreach (var property in additional.EnumerateObject())
            {
                if (property.Name is not ("reasoning" or "reasoning_effort" or "verbosity" or "text" or "model" or "input" or "instructions" or "max_output_tokens" or "temperature"))
                {
                    property.WriteTo(writer);
                }
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteInstructions(Utf8JsonWriter writer, JobRequest job)
    {
        var system = job.Messages.Where(m => m.Role == "system").Select(m => m.Text).ToList();
        if (system.Count > 0)
        {
            writer.WriteString("instructions", string.Join("\n\n", system));
        }
    }

    private static void WriteInput(Utf8JsonWriter writer, JobRequest job, LoadedFile? file, bool instructed)
    {
        var lastUser = ContentParts.LastUser(job);
        writer.WriteStartArray("input");
        for (var i = 0; i < job.Messages.Count; i++)
        {
            var message = job.Messages[i];
            if (message.Role == "system")
            {
                continue;
            }
            writer.WriteStartObject();
            writer.WriteString("type", "message");
            writer.WriteString("role", message.Role);
            if (message.Role == "user")
            {
                writer.WriteStartArray("content");
                ContentParts.Write<InputParts>(writer, job, i, lastUser, file, instructed);
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("content", message.Text);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter writer, JobRequest job, bool instructed, JsonElement? extra)
    {
        var schema = instructed ? null : job.ResponseSchema;
        JsonElement verbosity = default;
        var hasVerbosity = extra is { } e && e.TryGetProperty("verbosity", out verbosity);
        if (schema is null && !hasVerbosity)
        {
            return;
        }
        writer.WriteStartObject("text");
        if (schema is { } s)
        {
            writer.WriteStartObject("format");
            writer.WriteString("type", "json_schema");
            writer.WriteString("name", ProviderSchemas.SchemaName(job.ResponseTypeName));
            writer.WritePropertyName("schema");
            SchemaCache.Wire(s, ProviderDescriptors.OpenAIName).WriteTo(writer);
            writer.WriteBoolean("strict", true);
            writer.WriteEndObject();
        }
        if (hasVerbosity)
        {
            writer.WritePropertyName("verbosity");
            verbosity.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    private static void WriteReasoning(Utf8JsonWriter writer, JsonElement? extra)
    {
        if (extra is not { } e)
        {
            return;
        }
        var hasObject = e.TryGetProperty("reasoning", out var reasoning) && reasoning.ValueKind == JsonValueKind.Object;
        var hasEffort = e.TryGetProperty("reasoning_effort", out var effort);
        if (!hasObject && !hasEffort)
        {
            return;
        }
        writer.WriteStartObject("reasoning");
        if (hasObject)
        {
            foreach (var property in reasoning.EnumerateObject())
            {
                if (!(hasEffort && property.NameEquals("effort")))
                {
                    property.WriteTo(writer);
                }
            }
        }
        if (hasEffort)
        {
            writer.WritePropertyName("effort");
            effort.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>Responses API user content parts: <c>input_text</c>, <c>input_image</c> (a data URL or an http(s) URL), <c>input_file</c> for a PDF; a text document as <c>input_text</c> headed by its name.</summary>
    private sealed class InputParts : IContentPartWriter
    {
        public static void Text(Utf8JsonWriter writer, string text)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "input_text");
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        public static void File(Utf8JsonWriter writer, LoadedFile file)
        {
            writer.WriteStartObject();
            switch (file.Kind)
            {
                case JobFileKind.Image:
                    writer.WriteString("type", "input_image");
                    writer.WriteString("image_url", file.DataUrl);
                    writer.WriteString("detail", "auto");
                    break;
                case JobFileKind.Pdf:
                    writer.WriteString("type", "input_file");
                    writer.WriteString("filename", file.FileName);
                    writer.WriteString("file_data", file.DataUrl);
                    break;
                default:
                    writer.WriteString("type", "input_text");
                    writer.WriteString("text", $"{file.FileName}:\n\n{file.Text}");
                    break;
            }
            writer.WriteEndObject();
        }

        public static void ImageUrl(Utf8JsonWriter writer, JobPart part)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "input_image");
            writer.WriteString("image_url", part.Uri);
            writer.WriteString("detail", "auto");
            writer.WriteEndObject();
        }
    }
}
