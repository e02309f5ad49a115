using System.Buffers;
using System.Text.Json;

namespace Batchata;

/// <summary>
/// Writes one job as an OpenAI Batch input line: <c>/v1/chat/completions</c> (protocols C.3, C.8), or <c>/v1/responses</c>
/// for the models that serve only the Responses API (<see cref="OpenAIResponsesEncoder"/>).
/// </summary>
internal static class OpenAIRequestEncoder
{
    /// <summary>The endpoint of Chat Completions request lines and batches.</summary>
    public const string Endpoint = OpenAIEndpoints.ChatCompletions;

    /// <summary>Encodes one job (reads its file, once).</summary>
    public static byte[] Encode(JobRequest job, ModelInfo model)
    {
        var file = job.File is { } jobFile ? FileContentReader.Read(jobFile) : null;
        var responses = OpenAIEndpoints.For(model) == OpenAIEndpoints.Responses;
        return JsonLineWriter.Write((job, model, file, responses), static (writer, s) =>
        {
            writer.WriteStartObject();
            writer.WriteString("custom_id", s.job.Id);
            writer.WriteString("method", "POST");
            writer.WriteString("url", s.responses ? OpenAIEndpoints.Responses : Endpoint);
            writer.WritePropertyName("body");
            if (s.responses)
            {
                OpenAIResponsesEncoder.WriteBody(writer, s.job, s.model, s.file);
            }
            else
            {
                WriteBody(writer, s.job, s.model, s.file);
            }
            writer.WriteEndObject();
        });
    }

    /// <summary>Whether the schema goes to the model as an instruction in the prompt (it exceeds strict mode's limits).</summary>
    internal static bool Instructed(JobRequest job, ModelInfo model)
        => job.ResponseSchema is not null && (job.StructuredMode ?? StructuredModes.Choose(job, model)) == StructuredModes.Instructed;

    private static void WriteBody(Utf8JsonWriter writer, JobRequest job, ModelInfo model, LoadedFile? file)
    {
        var reasoning = model.Capabilities.Reasoning;
        var instructed = Instructed(job, model);
        writer.WriteStartObject();
        writer.WriteString("model", job.Model);
        writer.WriteNumber(reasoning ? "max_completion_tokens" : "max_tokens", job.MaxTokens);
        if (job.Temperature is { } temperature && !reasoning)
        {
            writer.WriteNumber("temperature", temperature);
        }
        WriteMessages(writer, job, reasoning, file, instructed);
        if (job.ResponseSchema is { } schema && !instructed)
        {
            writer.WriteStartObject("response_format");
            writer.WriteString("type", "json_schema");
            writer.WriteStartObject("json_schema");
            writer.WriteString("name", ProviderSchemas.SchemaName(job.ResponseTypeName));
            writer.WritePropertyName("schema");
            SchemaCache.Wire(schema, ProviderDescriptors.OpenAIName).WriteTo(writer);
            writer.WriteBoolean("strict", true);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        if (job.AdditionalParams is { ValueKind: JsonValueKind.Object } extra)
        {
            foreach (var property in extra.EnumerateObject())
            {
                if (property.Name is not ("model" or "messages" or "max_tokens" or "max_completion_tokens" or "temperature" or "response_format"))
                {
                    property.WriteTo(writer);
                }
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter writer, JobRequest job, bool reasoning, LoadedFile? file, bool instructed)
    {
        var lastUser = ContentParts.LastUser(job);
        writer.WriteStartArray("messages");
        for (var i = 0; i < job.Messages.Count; i++)
        {
            var message = job.Messages[i];
            writer.WriteStartObject();
            writer.WriteString("role", message.Role == "system" ? (reasoning ? "developer" : "system") : message.Role);
            if ((i == lastUser && file is not null) || message.Parts is not null)
            {
                writer.WriteStartArray("content");
                ContentParts.Write<ChatParts>(writer, job, i, lastUser, file, instructed);
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("content", message.Role == "user" ? ContentParts.Text(job, i, lastUser, instructed) : message.Text);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>
    /// Chat Completions user content parts (https://platform.openai.com/docs/api-reference/chat/create): <c>text</c>,
    /// <c>image_url</c> with a data URL or an http(s) URL, <c>file</c> with <c>filename</c> and a <c>file_data</c> data URL;
    /// a text document as a <c>text</c> part headed by its name.
    /// </summary>
    private sealed class ChatParts : IContentPartWriter
    {
        public static void Text(Utf8JsonWriter writer, string text)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "text");
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        public static void File(Utf8JsonWriter writer, LoadedFile file)
        {
            writer.WriteStartObject();
            switch (file.Kind)
            {
                case JobFileKind.Image:
                    writer.WriteString("type", "image_url");
                    writer.WriteStartObject("image_url");
                    writer.WriteString("url", file.DataUrl);
                    writer.WriteEndObject();
                    break;
                case JobFileKind.Pdf:
                    writer.WriteString("type", "file");
                    writer.WriteStartObject("file");
                    writer.WriteString("filename", file.FileName);
                    writer.WriteString("file_data", file.DataUrl);
                    writer.WriteEndObject();
                    break;
                default:
                    writer.WriteString("type", "text");
                    writer.WriteString("text", $"{file.FileName}:\n\n{file.Text}");
                    break;
            }
            writer.WriteEndObject();
        }

        public static void ImageUrl(Utf8JsonWriter writer, JobPart part)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "image_url");
            writer.WriteStartObject("image_url");
            writer.WriteString("url", part.Uri);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}
