using System.Collections;
using System.Text;

namespace Batchata.Emulator.Core;

/// <summary>
/// A read-only list of strings kept as UTF-8 in one buffer plus an end offset each (a batch's custom ids live as
/// long as the batch): about a quarter of the memory of a string array of short ids. The indexer decodes a new string.
/// </summary>
internal sealed class PackedStrings : IReadOnlyList<string>
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _utf8;
    private readonly int[] _ends;
    private readonly string[]? _plain;

    /// <summary>Initializes a new instance of the <see cref="PackedStrings"/> class.</summary>
    /// <param name="values">The strings, in order.</param>
    public PackedStrings(IReadOnlyList<string> values)
    {
        _ends = new int[values.Count];
        try
        {
            var total = 0;
            for (var i = 0; i < values.Count; i++)
            {
                total += Strict.GetByteCount(values[i]);
            }

            _utf8 = new byte[total];
            var end = 0;
            for (var i = 0; i < values.Count; i++)
            {
                end += Strict.GetBytes(values[i], _utf8.AsSpan(end));
                _ends[i] = end;
            }
        }
        catch (EncoderFallbackException)
        {
            // A string that UTF-8 cannot carry as is (a lone surrogate): keep the strings themselves.
            _utf8 = [];
            _plain = [.. values];
        }
    }

    /// <inheritdoc/>
    public int Count => _ends.Length;

    /// <inheritdoc/>
    public string this[int index] => _plain?[index] ?? Encoding.UTF8.GetString(Utf8(index));

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Gets the UTF-8 bytes of string <paramref name="index"/> (only when no string needed keeping as is).</summary>
    private ReadOnlySpan<byte> Utf8(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _utf8.AsSpan(start, _ends[index] - start);
    }
}
