using System.Collections;
using System.Text;

namespace Batchata.Emulator.Core;

/// <summary>
/// A batch's custom ids, kept as UTF-8 in one buffer with an end offset each (about 15 bytes per id instead of a
/// 50-byte string and its reference): a provider keeps a batch's ids for its whole life, and a million requests
/// held that way cost 15 MB rather than 55. Each read makes the string anew.
/// </summary>
internal sealed class PackedStrings : IReadOnlyList<string>
{
    private readonly byte[] _bytes;
    private readonly int[] _ends;

    private PackedStrings(byte[] bytes, int[] ends)
    {
        _bytes = bytes;
        _ends = ends;
    }

    public int Count => _ends.Length;

    public string this[int index]
    {
        get
        {
            var start = index == 0 ? 0 : _ends[index - 1];
            return Encoding.UTF8.GetString(_bytes, start, _ends[index] - start);
        }
    }

    /// <summary>Packs <paramref name="values"/> (or returns them when already packed).</summary>
    public static PackedStrings From(IReadOnlyList<string> values)
    {
        if (values is PackedStrings packed)
        {
            return packed;
        }

        var ends = new int[values.Count];
        var length = 0;
        for (var i = 0; i < values.Count; i++)
        {
            length += Encoding.UTF8.GetByteCount(values[i]);
            ends[i] = length;
        }

        var bytes = new byte[length];
        var at = 0;
        foreach (var value in values)
        {
            at += Encoding.UTF8.GetBytes(value, bytes.AsSpan(at));
        }

        return new PackedStrings(bytes, ends);
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < _ends.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
