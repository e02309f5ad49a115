namespace Batchata;

/// <summary>
/// The jobs a <see cref="Batch"/> was given, kept out of memory: each validated definition is appended as one
/// JSON line to an anonymous temporary file, and only the ids stay in memory, packed (<see cref="JobIdSet"/>: for
/// the uniqueness check and the order). A run reads the definitions back once, streaming, into the state store;
/// the engine then loads a definition only when it encodes the request. So 1,000,000 jobs cost about 28 MB of ids,
/// not their definitions.
/// </summary>
/// <remarks>
/// The file is opened with <see cref="FileOptions.DeleteOnClose"/> and, where the OS allows it, unlinked at once,
/// so nothing is left behind even when the process is killed; the file is released when the batch is disposed
/// (or by its finalizer). It lives in the system temp directory, never in the user's results directory.
/// </remarks>
internal sealed class JobSpool : IDisposable
{
    private readonly JobIdSet _ids = new(); // ids name files: unique as a case-insensitive file system sees them
    private FileStream? _file;

    /// <summary>The number of jobs.</summary>
    public int Count => _ids.Count;

    /// <summary>The job ids, in the order they were added (decoded as they are enumerated).</summary>
    public IReadOnlyCollection<string> Ids => _ids;

    /// <summary>The ids, for uniqueness checks (case-insensitive).</summary>
    public JobIdSet IdSet => _ids;

    /// <summary>The temporary file's path while it is open (unlinked already on Linux and macOS), for tests.</summary>
    internal string? FilePath => _file?.Name;

    /// <summary>Closes and so deletes the temporary file. The ids stay readable.</summary>
    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    /// <summary>Appends one validated job.</summary>
    public void Append(JobRequest job)
    {
        var file = _file ??= Open();
        StateSerializer.Serialize(file, job);
        file.WriteByte((byte)'\n');
        _ids.Add(job.Id);
    }

    /// <summary>Reads the definitions back in order, one at a time.</summary>
    public IEnumerable<JobRequest> Read() => ReadEntries().Select(e => e.Job);

    /// <summary>Reads the definitions back in order with their JSON, so the state store can keep the JSON as it is.</summary>
    public IEnumerable<SpooledJob> ReadEntries()
    {
        if (_file is not { } file)
        {
            yield break;
        }

        // One reader at a time, and no appends while it reads (a Batch is not thread-safe); appends resume at the end.
        file.Flush();
        file.Position = 0;
        try
        {
            using var reader = new StreamReader(file, leaveOpen: true);
            while (reader.ReadLine() is { } line)
            {
                yield return new SpooledJob(StateSerializer.Deserialize(line), line);
            }
        }
        finally
        {
            file.Seek(0, SeekOrigin.End);
        }
    }

    private static FileStream Open()
    {
        var path = Path.Combine(Path.GetTempPath(), $"batchata-jobs-{Guid.NewGuid():N}.jsonl");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            // Unlink now: the open handle keeps the data, and a killed process leaves nothing in /tmp.
            File.Delete(path);
        }

        return file;
    }
}
