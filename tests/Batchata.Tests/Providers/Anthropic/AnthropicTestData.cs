using System.Text;
using System.Text.Json;

namespace Batchata.Tests.Providers.Anthropic;

internal static class AnthropicTestData
{
    public static ModelInfo Model(string id = "claude-sonnet-4-6", bool temperature = true, bool structured = true, bool noForcedTool = false, bool alwaysThinks = false, int maxOut = 64_000)
        => new()
        {
            Id = id,
            Provider = "anthropic",
            MaxOutputTokens = maxOut,
            Capabilities = new ModelCapabilities
            {
                Vision = true,
                Pdf = true,
                Citations = true,
                StructuredOutput = structured,
                Temperature = temperature,
                NoForcedToolUse = noForcedTool,
                ThinkingAlwaysOn = alwaysThinks,
            },
        };

    public static JobRequest Job(
        string prompt = "Hello",
        string id = "job-1",
        IReadOnlyList<JobMessage>? messages = null,
        double? temperature = null,
        JobFile? file = null,
        string? schema = null,
        bool citations = false,
        bool cache = false,
        string? extra = null,
        int maxTokens = 100)
        => new()
        {
            Id = id,
            Model = "claude-sonnet-4-6",
            Provider = "anthropic",
            Messages = messages ?? [new JobMessage("user", prompt)],
            MaxTokens = maxTokens,
            Temperature = temperature,
            File = file,
            ResponseSchema = schema is null ? null : Json(schema),
            EnableCitations = citations,
            CachePrefix = cache,
            AdditionalParams = extra is null ? null : Json(extra),
        };

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static string Encode(JobRequest job, ModelInfo? model = null)
        => Encoding.UTF8.GetString(AnthropicRequestEncoder.Encode(job, model ?? Model()));

    /// <summary>Normalises a hand-written expected JSON (whitespace, quotes) for comparison.</summary>
    public static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string TempFile(string name, byte[] content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "batchata-anthropic-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
