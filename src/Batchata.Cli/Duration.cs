using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Batchata.Cli;

/// <summary>Parses durations such as <c>90s</c>, <c>10m</c>, <c>2h</c>, <c>1h30m</c>, <c>500ms</c> or a plain number of seconds.</summary>
internal static partial class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim().ToLowerInvariant();
        var matched = 0;
        foreach (Match m in Part().Matches(trimmed))
        {
            if (m.Index != matched)
            {
                return false;
            }

            matched += m.Length;
            var number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            value += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                "d" => TimeSpan.FromDays(number),
                _ => TimeSpan.FromSeconds(number),
            };
        }

        return matched == trimmed.Length && matched > 0;
    }

    /// <summary>A System.CommandLine custom parser for a <see cref="TimeSpan"/> option.</summary>
    public static TimeSpan? ParseOption(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var token = result.Tokens[^1].Value;
        if (TryParse(token, out var value))
        {
            return value;
        }

        result.AddError($"Invalid duration '{token}': use a number with a unit, such as 90s, 10m, 2h or 1h30m.");
        return null;
    }

    /// <summary>Formats a duration briefly (<c>2s</c>, <c>1m30s</c>, <c>2h</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0}ms");
        }

        var text = "";
        if (value.TotalHours >= 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours}h");
        }

        if (value.Minutes > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        }

        if (value.Seconds > 0 || text.Length == 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"{value.Seconds}s");
        }

        return text;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d)?", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
