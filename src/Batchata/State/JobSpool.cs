using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Batchata;

/// <summary>
/// The jobs a <see cref="Batch"/> was given, kept out of memory: each validated definition is appended as one
/// JSON line to an anonymous temporary file, and only the ids stay in memory (for the uniqueness check and the
/// order). A run reads the definitions back once, streaming, into the state store; the engine then loads a
/// definition only when it encodes the request. So 100,000 jobs cost a few MB of ids, not their definitions.
/// </summary>
/// <remarks>
/// The file is opened with <see cref="FileOptions.DeleteOnClose"/> and, where the OS allows it, unlinked at once,
/// so nothing is left behind even when the process is killed; the handle is released with the batch (its
/// finalizer). It lives in the system temp directory, never in the user's results directory.
/// </remarks>
internal sealed class JobSpool
{
    private const int BlockSize = 64 * 1024;

    private readonly List<string> _order = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _pending = new(BlockSize);
    private SafeFileHandle? _file;
    private long _length;

    /// <summary>The number of jobs.</summary>
    public int Count => _order.Count;

    /// <summary>The job ids, in the order they were added.</summary>
    public IReadOnlyList<string> Ids => _order;

    /// <summary>The ids, for uniqueness checks.</summary>
    public IReadOnlySet<string> IdSet => _ids;

    /// <summary>Appends one validated job.</summary>
    public void Append(JobRequest job)
    {
        _pending.Write(StateSerializer.SerializeToUtf8(job));
        _pending.Write("\n"u8);
        if (_pending.WrittenCount >= BlockSize)
        {
            Flush();
        }

        _ids.Add(job.Id);
        _order.Add(job.Id);
    }

    /// <summary>Reads the definitions back in order, one at a time.</summary>
    public IEnumerable<JobRequest> Read() => ReadLines(withJson: false).Select(e => e.Job);

    /// <summary>Reads the definitions back in order with their JSON, so the state store can keep the JSON as it is.</summary>
    public IEnumerable<SpooledJob> ReadEntries() => ReadLines(withJson: true);

    private IEnumerable<SpooledJob> ReadLines(bool withJson)
    {
        Flush();
        if (_file is null)
        {
            yield break;
        }

        var file = _file;
        var end = _length;
        var buffer = new byte[BlockSize];
        var filled = 0;
        long offset = 0;
        while (offset < end || filled > 0)
        {
            if (offset < end && filled < buffer.Length)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, end - offset)), offset);
                if (read == 0)
                {
                    throw new IOException("The job spool file ended early.");
                }

                offset += read;
                filled += read;
            }

            var newline = buffer.AsSpan(0, filled).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (offset >= end)
                {
                    throw new IOException("The job spool file ends inside a job.");
                }

                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                continue;
            }

            var consumed = 0;
            while (newline >= 0)
            {
                var line = buffer.AsSpan(consumed, newline);
                yield return new SpooledJob(StateSerializer.Deserialize(line), withJson ? System.Text.Encoding.UTF8.GetString(line) : "");
                consumed += newline + 1;
                newline = buffer.AsSpan(consumed, filled - consumed).IndexOf((byte)'\n');
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }
    }

    private void Flush()
    {
        if (_pending.WrittenCount == 0)
        {
            return;
        }

        var file = _file ??= Open();
        RandomAccess.Write(file, _pending.WrittenSpan, _length);
        _length += _pending.WrittenCount;
        _pending.ResetWrittenCount();
    }

    private static SafeFileHandle Open()
    {
        var path = Path.Combine(Path.GetTempPath(), $"batchata-jobs-{Guid.NewGuid():N}.jsonl");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            // Unlink now: the open handle keeps the data, and a killed process leaves nothing in /tmp.
            File.Delete(path);
        }

        return handle;
    }
}
