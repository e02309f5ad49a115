using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Batchata.Emulator;

/// <summary>
/// One model the emulator's models endpoints list (Anthropic and OpenAI <c>GET /v1/models</c>, Gemini
/// <c>GET /v1beta/models</c>). Change <see cref="EmulatorOptions.Models"/> between calls to simulate a
/// provider adding, deprecating or retiring models.
/// </summary>
public sealed class EmulatedModel
{
    /// <summary>Gets or sets the model id (Gemini: without the <c>models/</c> prefix).</summary>
    public required string Id { get; set; }

    /// <summary>Gets or sets the provider that lists it: <c>anthropic</c>, <c>openai</c> or <c>gemini</c>.</summary>
    public required string Provider { get; set; }

    /// <summary>Gets or sets the display name. <value>The default value is <see langword="null"/> (the id).</value></summary>
    public string? DisplayName { get; set; }

    /// <summary>Gets or sets the lifecycle: <c>active</c>, <c>deprecated</c> or <c>retired</c>. <value>The default value is <c>active</c>.</value></summary>
    public string Lifecycle { get; set; } = "active";

    /// <summary>Gets or sets the date the deprecation was announced (Anthropic <c>deprecated_at</c>).</summary>
    public DateOnly? DeprecatedAt { get; set; }

    /// <summary>Gets or sets the retirement date (Anthropic <c>retires_at</c>, OpenAI <c>shutdown_date</c>).</summary>
    public DateOnly? RetiresAt { get; set; }

    /// <summary>Gets or sets the context window (Anthropic <c>max_input_tokens</c>, Gemini <c>inputTokenLimit</c>). <value>The default value is 1,000,000.</value></summary>
    public long MaxInputTokens { get; set; } = 1_000_000;

    /// <summary>Gets or sets the most output tokens (Anthropic <c>max_tokens</c>, Gemini <c>outputTokenLimit</c>). <value>The default value is 128,000.</value></summary>
    public int MaxOutputTokens { get; set; } = 128_000;

    /// <summary>Gets or sets a value indicating whether batches accept the model. <value>The default value is true.</value></summary>
    public bool Batch { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether citations are supported. <value>The default value is true.</value></summary>
    public bool Citations { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether PDF input is accepted. <value>The default value is true.</value></summary>
    public bool PdfInput { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether image input is accepted. <value>The default value is true.</value></summary>
    public bool ImageInput { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether structured outputs are supported. <value>The default value is true.</value></summary>
    public bool StructuredOutputs { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether extended thinking is supported. <value>The default value is true.</value></summary>
    public bool Thinking { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the effort parameter is supported. <value>The default value is true.</value></summary>
    public bool Effort { get; set; } = true;

    /// <summary>Gets or sets the release time. <value>The default value is 2026-09-01T00:00:00Z.</value></summary>
    public DateTimeOffset CreatedAt { get; set; } = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns the built-in list: a handful of current ids of each provider with their lifecycle and limits.</summary>
    /// <returns>A new, mutable list.</returns>
    public static List<EmulatedModel> BuiltIn() => Models.BuiltInModels.Create();

    /// <summary>
    /// Parses a JSON array of models with snake_case keys (<c>id</c>, <c>provider</c>, <c>display_name</c>,
    /// <c>lifecycle</c>, <c>deprecated_at</c>, <c>retires_at</c>, <c>max_input_tokens</c>, <c>max_output_tokens</c>,
    /// <c>batch</c>, <c>citations</c>, <c>pdf_input</c>, <c>image_input</c>, <c>structured_outputs</c>,
    /// <c>thinking</c>, <c>effort</c>, <c>created_at</c>); missing keys take the defaults.
    /// </summary>
    /// <param name="json">The JSON array.</param>
    /// <returns>The models.</returns>
    /// <exception cref="JsonException">The JSON is not such an array, or a model lacks <c>id</c> or <c>provider</c>.</exception>
    public static List<EmulatedModel> ListFromJson(string json)
        => JsonSerializer.Deserialize<List<EmulatedModel>>(json, JsonOptions) ?? [];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };
}
