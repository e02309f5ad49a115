using System.IO.Compression;

namespace Batchata.Emulator.Core;

/// <summary>
/// An uploaded file's content, kept deflated in memory: a provider keeps uploaded batch input files for days, and
/// JSON Lines of similar requests shrink several times over, so the emulator holds a fraction of each upload.
/// </summary>
internal sealed class PackedBytes
{
    private readonly byte[] _packed;

    private PackedBytes(byte[] packed, int length)
    {
        _packed = packed;
        Length = length;
    }

    /// <summary>Gets the length of the original content in bytes.</summary>
    public int Length { get; }

    /// <summary>Deflates <paramref name="content"/> (the caller may drop it afterwards).</summary>
    public static PackedBytes Pack(byte[] content)
    {
        using var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(content);
        }

        return new PackedBytes(packed.ToArray(), content.Length);
    }

    /// <summary>Opens a stream that reads the original content.</summary>
    public Stream OpenRead() => new DeflateStream(new MemoryStream(_packed, writable: false), CompressionMode.Decompress);

    /// <summary>Returns the original content in a new array of its exact size.</summary>
    public byte[] Unpack()
    {
        var content = new byte[Length];
        using var stream = OpenRead();
        stream.ReadExactly(content);
        return content;
    }
}
