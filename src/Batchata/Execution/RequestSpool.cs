using System.Collections;

namespace Batchata;

/// <summary>
/// The encoded request lines of one planned batch, kept in an anonymous temporary file rather than in memory: the
/// planner appends each line as it encodes it, the provider streams them into its create body or JSONL upload, and
/// the file is released once the create has its answer. Memory holds only an offset per request (its id is the
/// job's own string), so a batch of 100,000 requests costs about 1 MB here, not the size of its body.
/// </summary>
/// <remarks>
/// Reading it (<see cref="GetEnumerator"/> or the indexer) hands out a fresh buffer per line, read from the file in
/// 64 KB blocks; several readers may read at once (positional reads), but appends must be finished first
/// (<see cref="Complete"/>). Like <see cref="JobSpool"/>, the file lives in the temp directory, is deleted on close
/// and, where the OS allows it, unlinked at once.
/// </remarks>
internal sealed class RequestSpool : IReadOnlyList<EncodedRequest>, IDisposable
{
    private const int BlockSize = 64 * 1024;
    private readonly List<string> _ids = [];
    private readonly List<long> _ends = [];
    private FileStream? _file;
    private bool _disposed;

    /// <summary>The number of requests.</summary>
    public int Count => _ids.Count;

    /// <summary>The total size of the lines in bytes (without separators).</summary>
    public long TotalBytes => _ends.Count == 0 ? 0 : _ends[^1];

    public EncodedRequest this[int index]
    {
        get
        {
            var file = Readable();
            var start = Start(index);
            var line = new byte[_ends[index] - start];
            RandomAccess.Read(file.SafeFileHandle, line, start);
            return new EncodedRequest(_ids[index], line);
        }
    }

    /// <summary>Appends one request line.</summary>
    public void Add(string customId, ReadOnlySpan<byte> line)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var file = _file ??= Open();
        file.Write(line);
        _ids.Add(customId);
        _ends.Add(TotalBytes + line.Length);
    }

    /// <summary>Ends the appends: the lines are on disk and may be read.</summary>
    public void Complete() => _file?.Flush();

    /// <summary>The length of line <paramref name="index"/> without reading it.</summary>
    public int LengthOf(int index) => (int)(_ends[index] - Start(index));

    public IEnumerator<EncodedRequest> GetEnumerator()
    {
        if (Count == 0)
        {
            yield break;
        }

        var file = Readable();
        var block = new byte[BlockSize];
        long blockStart = 0;
        var blockLength = 0;
        for (var i = 0; i < Count; i++)
        {
            var start = Start(i);
            var length = (int)(_ends[i] - start);
            var line = new byte[length];
            if (length > BlockSize)
            {
                RandomAccess.Read(file.SafeFileHandle, line, start);
            }
            else
            {
                if (start + length > blockStart + blockLength)
                {
                    blockStart = start;
                    blockLength = RandomAccess.Read(file.SafeFileHandle, block, start);
                }

                block.AsSpan((int)(start - blockStart), length).CopyTo(line);
            }

            yield return new EncodedRequest(_ids[i], line);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        _disposed = true;
        _file?.Dispose();
        _file = null;
    }

    private long Start(int index) => index == 0 ? 0 : _ends[index - 1];

    private FileStream Readable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _file ?? throw new InvalidOperationException("The spool has no requests.");
    }

    private static FileStream Open()
    {
        var path = Path.Combine(Path.GetTempPath(), $"batchata-requests-{Guid.NewGuid():N}.jsonl");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BlockSize, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path); // the open handle keeps the data; a killed process leaves nothing in /tmp
        }

        return file;
    }
}
