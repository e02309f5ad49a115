using System.Globalization;
using System.Text.RegularExpressions;

namespace Batchata.Emulator.Core;

/// <summary>Supplies words and numbers taken from the input text, in rotation.</summary>
internal sealed partial class TextSource
{
    private readonly string[] _words;
    private readonly long[] _numbers;
    private int _word;
    private int _number;

    public TextSource(string text)
    {
        _words = WordRegex().Matches(text).Select(m => m.Value).ToArray();
        _numbers = NumberRegex().Matches(text)
            .Select(m => long.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
    }

    public string NextWords(int count = 3)
    {
        if (_words.Length == 0)
        {
            return "emulated";
        }

        var take = Math.Min(count, _words.Length);
        var parts = new string[take];
        for (var i = 0; i < take; i++)
        {
            parts[i] = _words[_word++ % _words.Length];
        }

        return string.Join(' ', parts);
    }

    public long NextNumber() => _numbers.Length == 0 ? 1 : _numbers[_number++ % _numbers.Length];

    [GeneratedRegex(@"[\p{L}][\p{L}\p{N}'\-]*")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"(?<![\d.])\d{1,6}(?![\d.])")]
    private static partial Regex NumberRegex();
}
