using System.Text.Json;

namespace Batchata.Tests.Providers.OpenAI;

/// <summary>Jobs and models for the provider tests.</summary>
internal static class OpenAITestJobs
{
    public static ModelInfo Gpt41 { get; } = new()
    {
        Id = "gpt-4.1",
        Provider = "openai",
        Capabilities = new ModelCapabilities { Vision = true, Pdf = true, StructuredOutput = true, Temperature = true },
    };

    public static ModelInfo O4Mini { get; } = new()
    {
        Id = "o4-mini",
        Provider = "openai",
        Capabilities = new ModelCapabilities { Vision = true, Pdf = true, StructuredOutput = true, Reasoning = true },
    };

    public static ModelInfo TextOnly { get; } = new() { Id = "text-only", Provider = "openai", Capabilities = new ModelCapabilities() };

    public static JsonElement PersonSchema { get; } = JsonDocument.Parse(
        """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"],"additionalProperties":false}""").RootElement;

    public static JobRequest Job(
        string model = "gpt-4.1",
        string prompt = "Hello",
        string? system = null,
        double? temperature = null,
        JobFile? file = null,
        JsonElement? schema = null,
        string? additional = null,
        bool citations = false,
        string provider = "openai",
        string id = "job-1")
    {
        var messages = new List<JobMessage>();
        if (system is not null)
        {
            messages.Add(new JobMessage("system", system));
        }
        messages.Add(new JobMessage("user", prompt));
        return new JobRequest
        {
            Id = id,
            Model = model,
            Provider = provider,
            Messages = messages,
            MaxTokens = 256,
            Temperature = temperature,
            File = file,
            ResponseSchema = schema,
            ResponseTypeName = schema is null ? null : "Person",
            AdditionalParams = additional is null ? null : JsonDocument.Parse(additional).RootElement,
            EnableCitations = citations,
        };
    }
}
