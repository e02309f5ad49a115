using Microsoft.Win32.SafeHandles;

namespace Batchata.Emulator.Core;

/// <summary>
/// An append-only anonymous temporary file where answered batches keep their compact outcomes, so that an emulator
/// holds no memory per request it has answered: a provider keeps results for days, and a million of them held in
/// memory cost 60 MB or more. Results are read back (by position, a few bytes at a time) when they are downloaded.
/// </summary>
/// <remarks>
/// One file per emulator, created with the first batch. It is unlinked at once where the OS allows it (Linux,
/// macOS) and opened delete-on-close elsewhere, so nothing is left behind even when the process is killed. It is
/// closed when the emulator is disposed; the batches a test still holds then keep their counts and token totals,
/// which stay in memory. Appends are serialized; reads may run at the same time as appends and each other.
/// </remarks>
internal sealed class OutcomeSpill : IDisposable
{
    private readonly Lock _gate = new();
    private SafeFileHandle? _file;
    private long _length;
    private volatile bool _disposed;

    /// <summary>Appends <paramref name="first"/> then <paramref name="second"/> and returns where the first begins.</summary>
    /// <exception cref="ObjectDisposedException">The emulator was disposed.</exception>
    public long Append(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var file = _file ??= Open();
            var at = _length;
            RandomAccess.Write(file, first, at);
            RandomAccess.Write(file, second, at + first.Length);
            _length = at + first.Length + second.Length;
            return at;
        }
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/>.</summary>
    /// <exception cref="ObjectDisposedException">The emulator was disposed.</exception>
    public void Read(long offset, Span<byte> destination)
    {
        var file = Volatile.Read(ref _file);
        ObjectDisposedException.ThrowIf(_disposed || file is null, this);
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(file!, destination, offset);
            if (read == 0)
            {
                throw new EndOfStreamException("The emulator's outcome file ended before an outcome it recorded.");
            }

            destination = destination[read..];
            offset += read;
        }
    }

    /// <summary>Closes (and so deletes) the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file?.Dispose();
        }
    }

    private static SafeFileHandle Open()
    {
        var path = Path.Combine(Path.GetTempPath(), $"batchata-emulator-{Guid.NewGuid():N}.bin");
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path); // the open handle keeps the data; a killed process leaves nothing in the temp directory
        }

        return file;
    }
}
