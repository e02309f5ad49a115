namespace Batchata;

/// <summary>
/// A position-tracking JSON scanner: walks raw JSON text and records the path and [start,end) span of every value.
/// Spans are offsets in the raw text (escapes such as \" or \u00e9 count as their raw characters).
/// </summary>
internal sealed class JsonSpanScanner
{
    private const int MaxDepth = 256;
    private readonly string _text;
    private readonly int _end;
    private readonly List<JsonValueSpan> _spans = [];
    private int _pos;

    private JsonSpanScanner(string text, int start, int end)
    {
        _text = text;
        _pos = start;
        _end = end;
    }

    /// <summary>Scans the JSON value at <paramref name="start"/> and returns the spans of it and all nested values, or null when the text is not valid JSON.</summary>
    /// <param name="text">The full text.</param>
    /// <param name="start">The index where the JSON begins.</param>
    /// <param name="length">The length of the JSON.</param>
    /// <returns>The spans in document order (containers before their children), or null.</returns>
    public static IReadOnlyList<JsonValueSpan>? Scan(string text, int start, int length)
    {
        var scanner = new JsonSpanScanner(text, start, start + length);
        return scanner.Value(string.Empty, 0) && scanner.SkipWhitespace() == scanner._end ? scanner._spans : null;
    }

    private int SkipWhitespace()
    {
        while (_pos < _end && _text[_pos] is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
        }

        return _pos;
    }

    private bool Value(string path, int depth)
    {
        if (depth > MaxDepth || SkipWhitespace() >= _end)
        {
            return false;
        }

        return _text[_pos] switch
        {
            '{' => Container(path, depth, isObject: true),
            '[' => Container(path, depth, isObject: false),
            '"' => StringValue(path),
            't' => Literal(path, "true"),
            'f' => Literal(path, "false"),
            'n' => Literal(path, "null"),
            _ => Number(path),
        };
    }

    private bool Container(string path, int depth, bool isObject)
    {
        int start = _pos++;
        int index = _spans.Count;
        _spans.Add(null!);
        char close = isObject ? '}' : ']';
        int count = 0;
        while (true)
        {
            if (SkipWhitespace() >= _end)
            {
                return false;
            }

            if (_text[_pos] == close && count == 0)
            {
                break;
            }

            if (count > 0)
            {
                if (_text[_pos] != ',')
                {
                    return false;
                }

                _pos++;
                SkipWhitespace();
            }

            string childPath;
            if (isObject)
            {
                if (_pos >= _end || _text[_pos] != '"' || ReadKey() is not { } key || SkipWhitespace() >= _end || _text[_pos++] != ':')
                {
                    return false;
                }

                childPath = JsonSchemaValidator.Join(path, key);
            }
            else
            {
                childPath = $"{path}[{count}]";
            }

            if (!Value(childPath, depth + 1))
            {
                return false;
            }

            count++;
            if (SkipWhitespace() < _end && _text[_pos] == close)
            {
                break;
            }
        }

        _pos++;
        _spans[index] = new JsonValueSpan(path, start, _pos, IsLeaf: false);
        return true;
    }

    private string? ReadKey()
    {
        int start = _pos;
        if (!SkipString())
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(_text.AsSpan(start, _pos - start), ScannerJsonContext.Default.String);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private bool StringValue(string path)
    {
        int start = _pos;
        if (!SkipString())
        {
            return false;
        }

        bool empty = _pos - start == 2;
        _spans.Add(new JsonValueSpan(path, start, _pos, IsLeaf: true)
        {
            ContentStart = empty ? start : start + 1,
            ContentEnd = empty ? _pos : _pos - 1,
        });
        return true;
    }

    private bool SkipString()
    {
        _pos++;
        while (_pos < _end)
        {
            char c = _text[_pos++];
            if (c == '\\')
            {
                _pos++;
            }
            else if (c == '"')
            {
                return _pos <= _end;
            }
        }

        return false;
    }

    private bool Literal(string path, string literal)
    {
        if (_pos + literal.Length > _end || string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            return false;
        }

        _spans.Add(new JsonValueSpan(path, _pos, _pos + literal.Length, IsLeaf: true));
        _pos += literal.Length;
        return true;
    }

    private bool Number(string path)
    {
        int start = _pos;
        while (_pos < _end && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '-' or '+' or '.' or 'e' or 'E'))
        {
            _pos++;
        }

        if (_pos == start)
        {
            return false;
        }

        _spans.Add(new JsonValueSpan(path, start, _pos, IsLeaf: true));
        return true;
    }
}
