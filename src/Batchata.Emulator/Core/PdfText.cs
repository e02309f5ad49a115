using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Batchata.Emulator.Core;

/// <summary>
/// Minimal PDF text extraction: reads the page objects (in <c>/Kids</c> order when available), their content
/// streams (raw or FlateDecode), and the strings of <c>Tj</c>, <c>TJ</c>, <c>'</c> and <c>"</c> operators.
/// </summary>
internal static partial class PdfText
{
    public static List<string> Pages(byte[] pdf)
    {
        var raw = Encoding.Latin1.GetString(pdf);
        var objects = new Dictionary<int, (int Start, string Body)>();
        foreach (Match m in ObjectRegex().Matches(raw))
        {
            objects[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)] = (m.Index, m.Groups[2].Value);
        }

        var pageIds = objects.Where(o => PageRegex().IsMatch(o.Value.Body)).OrderBy(o => o.Value.Start).Select(o => o.Key).ToList();
        var kids = objects.Values.Where(o => o.Body.Contains("/Pages", StringComparison.Ordinal) && KidsRegex().IsMatch(o.Body))
            .SelectMany(o => RefRegex().Matches(KidsRegex().Match(o.Body).Groups[1].Value).Select(r => int.Parse(r.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        if (kids.Count == pageIds.Count && kids.All(pageIds.Contains))
        {
            pageIds = kids;
        }

        var pages = new List<string>();
        foreach (var id in pageIds)
        {
            var text = new StringBuilder();
            var contents = ContentsRegex().Match(objects[id].Body);
            if (contents.Success)
            {
                foreach (Match r in RefRegex().Matches(contents.Groups[1].Value))
                {
                    if (objects.TryGetValue(int.Parse(r.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), out var stream))
                    {
                        ShowText(StreamData(stream.Body), text);
                    }
                }
            }

            pages.Add(WhitespaceRegex().Replace(text.ToString(), " ").Trim());
        }

        return pages;
    }

    private static string StreamData(string body)
    {
        var start = body.IndexOf("stream", StringComparison.Ordinal);
        var end = body.LastIndexOf("endstream", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return "";
        }

        start += 6;
        if (start < body.Length && body[start] == '\r')
        {
            start++;
        }

        if (start < body.Length && body[start] == '\n')
        {
            start++;
        }

        var data = body[start..end];
        if (!body[..start].Contains("FlateDecode", StringComparison.Ordinal))
        {
            return data;
        }

        try
        {
            using var input = new MemoryStream(Encoding.Latin1.GetBytes(data));
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return Encoding.Latin1.GetString(output.ToArray());
        }
        catch (InvalidDataException)
        {
            return "";
        }
    }

    private static void ShowText(string content, StringBuilder text)
    {
        var pending = new StringBuilder();
        var i = 0;
        while (i < content.Length)
        {
            var c = content[i];
            if (c == '(')
            {
                i = ReadString(content, i, pending);
                continue;
            }

            if (c == '<' && i + 1 < content.Length && content[i + 1] != '<')
            {
                i = ReadHexString(content, i + 1, pending);
                continue;
            }

            if (c == '<' || c == '>')
            {
                i += 2;
                continue;
            }

            if (char.IsLetter(c) || c == '\'' || c == '"')
            {
                var start = i;
                while (i < content.Length && (char.IsLetter(content[i]) || content[i] is '*' or '\'' or '"'))
                {
                    i++;
                }

                var op = content[start..i];
                if (op is "Tj" or "TJ" or "'" or "\"")
                {
                    if (op is "'" or "\"" && text.Length > 0)
                    {
                        text.Append(' ');
                    }

                    text.Append(pending);
                }
                else if (op is "Td" or "TD" or "T*" or "Tm" or "ET" && text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }

                pending.Clear();
                continue;
            }

            i++;
        }
    }

    private static int ReadHexString(string content, int i, StringBuilder pending)
    {
        var digits = new StringBuilder();
        for (; i < content.Length && content[i] != '>'; i++)
        {
            if (Uri.IsHexDigit(content[i]))
            {
                digits.Append(content[i]);
            }
        }

        if (digits.Length % 2 == 1)
        {
            digits.Append('0');
        }

        for (var d = 0; d < digits.Length; d += 2)
        {
            pending.Append((char)Convert.ToInt32(digits.ToString(d, 2), 16));
        }

        return i + 1;
    }

    private static int ReadString(string content, int i, StringBuilder pending)
    {
        var depth = 0;
        for (; i < content.Length; i++)
        {
            var c = content[i];
            if (c == '\\' && i + 1 < content.Length)
            {
                var n = content[++i];
                if (n is >= '0' and <= '7')
                {
                    var digits = 0;
                    var value = 0;
                    while (digits < 3 && i < content.Length && content[i] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (content[i++] - '0');
                        digits++;
                    }

                    i--;
                    pending.Append((char)value);
                }
                else
                {
                    pending.Append(n switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'f' => '\f', '\n' => '\0', _ => n });
                    if (n == '\n')
                    {
                        pending.Length--;
                    }
                }
            }
            else if (c == '(')
            {
                if (depth++ > 0)
                {
                    pending.Append(c);
                }
            }
            else if (c == ')')
            {
                if (--depth == 0)
                {
                    return i + 1;
                }

                pending.Append(c);
            }
            else
            {
                pending.Append(c);
            }
        }

        return i;
    }

    [GeneratedRegex(@"(\d+)\s+\d+\s+obj\b(.*?)\bendobj", RegexOptions.Singleline)]
    private static partial Regex ObjectRegex();

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageRegex();

    [GeneratedRegex(@"/Kids\s*\[([^\]]*)\]")]
    private static partial Regex KidsRegex();

    [GeneratedRegex(@"/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)")]
    private static partial Regex ContentsRegex();

    [GeneratedRegex(@"(\d+)\s+\d+\s+R")]
    private static partial Regex RefRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
