using System.Globalization;
using System.Text.Json;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.Models;

/// <summary>Writes the three providers' model list and model shapes.</summary>
internal static class ModelsWriter
{
    /// <summary>Anthropic <c>GET /v1/models</c>: <c>{data:[...], has_more, first_id, last_id}</c>.</summary>
    public static void AnthropicList(Utf8JsonWriter w, IReadOnlyList<EmulatedModel> models)
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var model in models)
        {
            AnthropicModel(w, model);
        }

        w.WriteEndArray();
        w.WriteBoolean("has_more", false);
        w.WriteNullableString("first_id", models.Count > 0 ? models[0].Id : null);
        w.WriteNullableString("last_id", models.Count > 0 ? models[^1].Id : null);
        w.WriteEndObject();
    }

    /// <summary>One Anthropic model object.</summary>
    public static void AnthropicModel(Utf8JsonWriter w, EmulatedModel m)
    {
        w.WriteStartObject();
        w.WriteString("type", "model");
        w.WriteString("id", m.Id);
        w.WriteString("display_name", m.DisplayName ?? m.Id);
        w.WriteString("created_at", JsonReply.Micros(m.CreatedAt));
        w.WriteString("lifecycle", m.Lifecycle);
        w.WriteNullableString("deprecated_at", Date(m.DeprecatedAt));
        w.WriteNullableString("retires_at", Date(m.RetiresAt));
        w.WriteNumber("max_input_tokens", m.MaxInputTokens);
        w.WriteNumber("max_tokens", m.MaxOutputTokens);
        w.WriteStartObject("capabilities");
        w.WriteBoolean("batch", m.Batch);
        w.WriteBoolean("citations", m.Citations);
        w.WriteBoolean("pdf_input", m.PdfInput);
        w.WriteBoolean("image_input", m.ImageInput);
        w.WriteBoolean("structured_outputs", m.StructuredOutputs);
        w.WriteBoolean("thinking", m.Thinking);
        w.WriteBoolean("effort", m.Effort);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>OpenAI <c>GET /v1/models</c>: <c>{object:"list", data:[{id, object, created, owned_by}]}</c>.</summary>
    public static void OpenAIList(Utf8JsonWriter w, IReadOnlyList<EmulatedModel> models)
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var model in models)
        {
            OpenAIModel(w, model, detail: false);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One OpenAI model; <c>GET /v1/models/{id}</c> (<paramref name="detail"/>) adds <c>shutdown_date</c>.</summary>
    public static void OpenAIModel(Utf8JsonWriter w, EmulatedModel m, bool detail)
    {
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("object", "model");
        w.WriteNumber("created", m.CreatedAt.ToUnixTimeSeconds());
        w.WriteString("owned_by", "system");
        if (detail)
        {
            w.WriteNullableString("shutdown_date", Date(m.RetiresAt));
        }

        w.WriteEndObject();
    }

    /// <summary>Gemini <c>GET /v1beta/models</c>: <c>{models:[...]}</c>.</summary>
    public static void GeminiList(Utf8JsonWriter w, IReadOnlyList<EmulatedModel> models)
    {
        w.WriteStartObject();
        w.WriteStartArray("models");
        foreach (var model in models)
        {
            GeminiModel(w, model);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One Gemini model resource.</summary>
    public static void GeminiModel(Utf8JsonWriter w, EmulatedModel m)
    {
        w.WriteStartObject();
        w.WriteString("name", "models/" + m.Id);
        w.WriteString("displayName", m.DisplayName ?? m.Id);
        w.WriteNumber("inputTokenLimit", m.MaxInputTokens);
        w.WriteNumber("outputTokenLimit", m.MaxOutputTokens);
        w.WriteStartArray("supportedGenerationMethods");
        w.WriteStringValue("generateContent");
        if (m.Batch)
        {
            w.WriteStringValue("batchGenerateContent");
        }

        w.WriteEndArray();
        w.WriteBoolean("thinking", m.Thinking);
        w.WriteEndObject();
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
