namespace Batchata.Tests.Files;

/// <summary>Catalog-like models for file tests.</summary>
internal static class TestModels
{
    public static ModelInfo Claude { get; } = Make("claude-test", "anthropic", vision: true, pdf: true, citations: true);

    public static ModelInfo Gpt { get; } = Make("gpt-test", "openai", vision: true, pdf: true, citations: false);

    public static ModelInfo Gemini { get; } = Make("gemini-test", "gemini", vision: true, pdf: true, citations: false);

    public static ModelInfo TextOnly { get; } = Make("text-only", "openai", vision: false, pdf: false, citations: false);

    public static ModelInfo Make(string id, string provider, bool vision, bool pdf, bool citations) => new()
    {
        Id = id,
        Provider = provider,
        Capabilities = new ModelCapabilities { Vision = vision, Pdf = pdf, Citations = citations },
    };
}
