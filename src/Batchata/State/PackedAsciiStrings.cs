using System.Collections;
using System.Text;

namespace Batchata;

/// <summary>
/// Short ASCII strings (1 to 255 characters) appended in order and kept packed: one byte a character plus a
/// length byte, in 64 KB blocks (under the large object heap's threshold), instead of one string object each.
/// A million 11-character job ids cost 12 MB here, against about 56 MB as strings and list references.
/// </summary>
/// <remarks>Not thread-safe; a string never spans two blocks, so its position names its block and offset.</remarks>
internal sealed class PackedAsciiStrings : IReadOnlyCollection<string>
{
    private const int BlockBits = 16;
    private const int BlockSize = 1 << BlockBits;

    private readonly List<byte[]> _blocks = [];
    private int _used = BlockSize; // bytes used in the last block; full before the first append

    /// <summary>The number of strings.</summary>
    public int Count { get; private set; }

    /// <summary>Appends <paramref name="text"/> and returns its position, for <see cref="EqualsIgnoreCase"/>.</summary>
    /// <exception cref="ArgumentException">The text is empty, longer than 255 characters or not ASCII.</exception>
    /// <exception cref="InvalidOperationException">The strings would take more than 2 GB.</exception>
    public int Append(string text)
    {
        if (text.Length is 0 or > byte.MaxValue || !Ascii.IsValid(text))
        {
            throw new ArgumentException("Only ASCII strings of 1 to 255 characters can be packed.", nameof(text));
        }

        if (_used + 1 + text.Length > BlockSize)
        {
            if (_blocks.Count == int.MaxValue >> BlockBits)
            {
                throw new InvalidOperationException("Too many strings to pack (over 2 GB).");
            }

            _blocks.Add(new byte[BlockSize]);
            _used = 0;
        }

        var block = _blocks[^1];
        var position = ((_blocks.Count - 1) << BlockBits) | _used;
        block[_used] = (byte)text.Length;
        Encoding.ASCII.GetBytes(text, block.AsSpan(_used + 1));
        _used += 1 + text.Length;
        Count++;
        return position;
    }

    /// <summary>Whether the string at <paramref name="position"/> equals <paramref name="text"/>, ignoring ASCII case.</summary>
    public bool EqualsIgnoreCase(int position, string text) => Ascii.EqualsIgnoreCase(At(position), text);

    /// <summary>The strings in the order they were appended, each decoded anew.</summary>
    public IEnumerator<string> GetEnumerator()
    {
        foreach (var block in _blocks)
        {
            var end = ReferenceEquals(block, _blocks[^1]) ? _used : BlockSize;
            for (var offset = 0; offset < end && block[offset] != 0; offset += 1 + block[offset])
            {
                // A zero length is the unused tail of a block that the next string did not fit into.
                yield return Encoding.ASCII.GetString(block, offset + 1, block[offset]);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ReadOnlySpan<byte> At(int position)
    {
        var block = _blocks[position >> BlockBits];
        var offset = position & (BlockSize - 1);
        return block.AsSpan(offset + 1, block[offset]);
    }
}
