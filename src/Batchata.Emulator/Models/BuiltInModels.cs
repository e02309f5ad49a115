namespace Batchata.Emulator.Models;

/// <summary>The models the emulator lists by default (state of reference/models.md, 2026-11-29).</summary>
internal static class BuiltInModels
{
    public static List<EmulatedModel> Create() =>
    [
        Claude("claude-fable-5-2", "Claude Fable 5.2", 2026, 11, 9),
        Claude("claude-opus-5-5", "Claude Opus 5.5", 2026, 9, 22),
        Claude("claude-sonnet-5-5", "Claude Sonnet 5.5", 2026, 9, 28),
        Claude("claude-haiku-5-5", "Claude Haiku 5.5", 2026, 10, 7),
        Deprecated(Claude("claude-opus-4-5-20251101", "Claude Opus 4.5", 2025, 11, 1, 200_000, 64_000), new(2026, 11, 23), new(2027, 1, 22)),
        Deprecated(Claude("claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", 2025, 9, 29, 200_000, 64_000), new(2026, 9, 30), new(2026, 11, 30)),
        OpenAI("gpt-6.2-sol", 2026, 11, 17),
        OpenAI("gpt-6-luna", 2026, 9, 22),
        OpenAI("gpt-5.6-sol", 2026, 7, 9),
        OpenAI("gpt-5.4-mini-2026-03-17", 2026, 3, 17),
        Gemini("gemini-4-argon", "Gemini 4 Argon"),
        Gemini("gemini-3.8-flash", "Gemini 3.8 Flash"),
        Gemini("gemini-3.5-flash-lite", "Gemini 3.5 Flash-Lite"),
        Gemini("gemini-3-flash-preview", "Gemini 3 Flash Preview"),
        Gemini("gemini-2.5-flash", "Gemini 2.5 Flash"),
    ];

    private static EmulatedModel Claude(string id, string name, int y, int m, int d, long input = 1_000_000, int output = 128_000) => new()
    {
        Id = id,
        Provider = "anthropic",
        DisplayName = name,
        MaxInputTokens = input,
        MaxOutputTokens = output,
        CreatedAt = new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero),
    };

    private static EmulatedModel OpenAI(string id, int y, int m, int d) => new()
    {
        Id = id,
        Provider = "openai",
        MaxInputTokens = 1_050_000,
        Citations = false,
        CreatedAt = new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero),
    };

    private static EmulatedModel Gemini(string id, string name) => new()
    {
        Id = id,
        Provider = "gemini",
        DisplayName = name,
        MaxInputTokens = 1_048_576,
        MaxOutputTokens = 65_536,
        Citations = false,
    };

    private static EmulatedModel Deprecated(EmulatedModel model, DateOnly deprecatedAt, DateOnly retiresAt)
    {
        model.Lifecycle = "deprecated";
        model.DeprecatedAt = deprecatedAt;
        model.RetiresAt = retiresAt;
        return model;
    }
}
