using System.Text.RegularExpressions;

namespace Batchata.Emulator.Core;

/// <summary>In-prompt directives: <c>[[emulator:error=TYPE]]</c>, <c>[[emulator:bad-json]]</c>, <c>[[emulator:refusal]]</c>.</summary>
internal static partial class Directives
{
    public static string? ErrorType(string text) =>
        text.Contains("[[emulator:error=", StringComparison.Ordinal) && ErrorRegex().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    public static bool BadJson(string text) => text.Contains("[[emulator:bad-json]]", StringComparison.Ordinal);

    public static bool Refusal(string text) => text.Contains("[[emulator:refusal]]", StringComparison.Ordinal);

    /// <summary>Removes every directive from <paramref name="text"/>.</summary>
    public static string Strip(string text) =>
        text.Contains("[[emulator:", StringComparison.Ordinal) ? AnyRegex().Replace(text, "").Trim() : text;

    [GeneratedRegex(@"\[\[emulator:error=([A-Za-z0-9_\-]+)\]\]")]
    private static partial Regex ErrorRegex();

    [GeneratedRegex(@"\[\[emulator:[^\]]*\]\]")]
    private static partial Regex AnyRegex();
}
