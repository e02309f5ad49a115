using Microsoft.ML.Tokenizers;

namespace Batchata.Emulator.Core;

/// <summary>Token counting with the o200k_base encoding (one shared instance).</summary>
internal static class Tokens
{
    /// <summary>Tokens added per message (role and framing overhead).</summary>
    public const int PerMessage = 4;

    private static readonly Lazy<TiktokenTokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(text);

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> tokens.</summary>
    public static string Truncate(string text, int max)
    {
        var ids = Tokenizer.Value.EncodeToIds(text);
        return ids.Count <= max ? text : Tokenizer.Value.Decode(ids.Take(Math.Max(0, max))) ?? "";
    }
}
