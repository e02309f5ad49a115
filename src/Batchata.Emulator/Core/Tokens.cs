using Microsoft.ML.Tokenizers;

namespace Batchata.Emulator.Core;

/// <summary>Token counting with the o200k_base encoding (one shared instance).</summary>
internal static class Tokens
{
    /// <summary>Tokens added per message (role and framing overhead).</summary>
    public const int PerMessage = 4;

    private static readonly Lazy<TiktokenTokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(text);

    /// <summary>
    /// The tokenizer factor of a Claude model relative to o200k: models from Opus 4.7 on (Opus 4.7/4.8/5.x,
    /// Sonnet 5.x, Haiku 5.x, Fable, Mythos) use a newer tokenizer that counts about 30% more (models.md §1a);
    /// older ones are taken as o200k-like.
    /// </summary>
    public static double ClaudeScale(string model)
    {
        var id = model.ToLowerInvariant();
        var newer = id.StartsWith("claude-opus-4-7", StringComparison.Ordinal) || id.StartsWith("claude-opus-4-8", StringComparison.Ordinal)
            || id.StartsWith("claude-opus-5", StringComparison.Ordinal) || id.StartsWith("claude-sonnet-5", StringComparison.Ordinal)
            || id.StartsWith("claude-haiku-5", StringComparison.Ordinal) || id.StartsWith("claude-fable", StringComparison.Ordinal)
            || id.StartsWith("claude-mythos", StringComparison.Ordinal);
        return newer ? 1.3 : 1.0;
    }

    /// <summary>Scales an o200k count to a model's tokenizer.</summary>
    public static int Scale(int count, double scale) => scale == 1.0 ? count : (int)Math.Ceiling(count * scale);

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> tokens.</summary>
    public static string Truncate(string text, int max)
    {
        var ids = Tokenizer.Value.EncodeToIds(text);
        return ids.Count <= max ? text : Tokenizer.Value.Decode(ids.Take(Math.Max(0, max))) ?? "";
    }
}
