using System.Text.Json;

namespace Batchata;

/// <summary>
/// Finds the JSON of an answer inside model text: a Markdown code fence if present, else the whole text
/// when it is JSON, else the first complete top-level JSON object. Shared by the parser and the citation mapper.
/// </summary>
internal static class JsonTextLocator
{
    private const string Fence = "```";

    /// <summary>Locates the JSON in <paramref name="text"/>.</summary>
    /// <param name="text">The answer text.</param>
    /// <returns>The start and length of the JSON in the text, or null when none is found.</returns>
    public static (int Start, int Length)? Locate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fenced = FencedRegion(text);
        if (fenced is { } region && LocateIn(text, region.Start, region.End) is { } inFence)
        {
            return inFence;
        }

        return LocateIn(text, 0, text.Length);
    }

    private static (int Start, int End)? FencedRegion(string text)
    {
        int open = text.IndexOf(Fence, StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        int lineEnd = text.IndexOf('\n', open);
        int start = lineEnd < 0 ? open + Fence.Length : lineEnd + 1;
        int close = text.IndexOf(Fence, start, StringComparison.Ordinal);
        return (start, close < 0 ? text.Length : close);
    }

    private static (int Start, int Length)? LocateIn(string text, int start, int end)
    {
        int s = start;
        while (s < end && char.IsWhiteSpace(text[s]))
        {
            s++;
        }

        int e = end;
        while (e > s && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }

        if (e > s && (text[s] == '{' || text[s] == '[') && IsJson(text.AsSpan(s, e - s)))
        {
            return (s, e - s);
        }

        for (int i = text.IndexOf('{', s); i >= 0 && i < e;)
        {
            int close = MatchingBrace(text, i, e);
            bool looksLikeObject = LooksLikeObject(text, i, e);
            if (close < 0 && looksLikeObject)
            {
                return null; // an unterminated object (truncated answer): never return one of its inner objects
            }

            if (close > 0 && IsJson(text.AsSpan(i, close - i)))
            {
                return (i, close - i);
            }

            // A malformed object is skipped whole, so that none of its inner objects is taken for the answer.
            i = close > 0 && looksLikeObject ? text.IndexOf('{', close) : text.IndexOf('{', i + 1);
        }

        return null;
    }

    /// <summary>Returns whether the brace at <paramref name="open"/> starts something shaped like a JSON object ({ followed by a quote or }).</summary>
    private static bool LooksLikeObject(string text, int open, int end)
    {
        int i = open + 1;
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i < end && text[i] is '"' or '}';
    }

    /// <summary>Returns the index just past the brace that closes the one at <paramref name="open"/>, or -1.</summary>
    private static int MatchingBrace(string text, int open, int end)
    {
        int depth = 0;
        bool inString = false;
        for (int i = open; i < end; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']' && --depth == 0)
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static bool IsJson(ReadOnlySpan<char> candidate)
    {
        try
        {
            using var doc = JsonDocument.Parse(candidate.ToString());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
