using System.IO.Compression;

namespace Batchata;

/// <summary>A result file's bytes as the state file keeps them: Brotli-compressed (fastest level), with the original length.</summary>
internal sealed record StoredAnswer(byte[] Compressed, long Length)
{
    /// <summary>Compresses a result file's bytes (a few KB: one call, fastest quality).</summary>
    public static StoredAnswer Compress(ReadOnlySpan<byte> bytes)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        if (!BrotliEncoder.TryCompress(bytes, buffer, out var written, quality: 1, window: 22))
        {
            throw new InvalidOperationException("A result file could not be compressed for the state file.");
        }

        return new StoredAnswer(buffer.AsSpan(0, written).ToArray(), bytes.Length);
    }

    /// <summary>Restores the bytes of a stored answer.</summary>
    public static byte[]? Decompress(byte[] compressed, long length)
    {
        if (length is < 0 or > int.MaxValue)
        {
            return null;
        }

        var bytes = new byte[length];
        return BrotliDecoder.TryDecompress(compressed, bytes, out var written) && written == length ? bytes : null;
    }
}
