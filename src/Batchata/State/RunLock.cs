using System.Diagnostics;
using System.Globalization;

namespace Batchata;

/// <summary>
/// One writer per state file and results directory: an exclusive OS lock on <c>{state}.lock</c>, held for the
/// whole run (and by <c>batchata cancel</c>). The operating system releases it when the process ends, however it
/// ends (kill -9 included), so a stale lock never blocks a later run. The holder's pid and start time are written
/// to <c>{lock}.owner</c> (a separate file: on Unix the locked file cannot be opened by another .NET process, whose
/// open takes a shared flock), so that a refused process can name it. Readers (<c>status</c>, <c>results</c>) do not
/// take the lock.
/// </summary>
internal sealed class RunLock : IDisposable
{
    private readonly List<FileStream> _streams;

    private RunLock(List<FileStream> streams) => _streams = streams;

    /// <summary>The lock file that guards a state file.</summary>
    public static string PathFor(string statePath) => System.IO.Path.GetFullPath(statePath) + ".lock";

    /// <summary>The lock file that guards a results directory (the one of its default state file).</summary>
    public static string PathForResults(string resultsDir) => PathFor(System.IO.Path.Combine(resultsDir, ".batchata", "state.db"));

    /// <summary>Takes every lock in <paramref name="lockPaths"/> (duplicates once), or throws <see cref="StateStoreException"/> naming the holder at once.</summary>
    public static RunLock Acquire(TimeProvider timeProvider, params string[] lockPaths)
    {
        var streams = new List<FileStream>();
        try
        {
            foreach (var path in lockPaths.Select(System.IO.Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                streams.Add(AcquireOne(path, timeProvider));
            }

            return new RunLock(streams);
        }
        catch
        {
            foreach (var stream in streams)
            {
                stream.Dispose();
            }

            throw;
        }
    }

    /// <summary>Takes the lock, or returns null and who holds it when another process does.</summary>
    public static RunLock? TryAcquire(TimeProvider timeProvider, string lockPath, out string? holder)
    {
        holder = null;
        try
        {
            return Acquire(timeProvider, lockPath);
        }
        catch (StateStoreException) when (File.Exists(lockPath))
        {
            holder = Holder(System.IO.Path.GetFullPath(lockPath));
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var stream in _streams)
        {
            stream.Dispose();
        }
    }

    private static FileStream AcquireOne(string path, TimeProvider timeProvider)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

        // The note is made before the lock is taken, so that it is on disk a moment after (a refused process waits for it).
        string owner;
        using (var process = Process.GetCurrentProcess())
        {
            owner = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}, started {process.StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC, locked {timeProvider.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC, on {Environment.MachineName}");
        }

        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix and a share-mode lock on Windows: both vanish with the process.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new StateStoreException(
                $"Another batchata process is using this run ({Holder(path)}; lock file '{path}'). Only one process may write a results directory and its state at a time: wait for it to finish, stop it, or use another --results-dir. 'batchata status' reads the run without the lock.");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StateStoreException($"The lock file '{path}' cannot be created ({ex.Message}). Check that the results directory is writable.", ex);
        }

        try
        {
            File.WriteAllText(path + ".owner", owner);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The owner note is informative only: the lock itself is held.
        }

        return stream;
    }

    /// <summary>
    /// Who holds the lock, from its owner note. The holder writes the note a moment after it takes the lock; a process
    /// refused in that moment waits for the note to be written (a file-system event, at most <see cref="NoteWait"/>),
    /// without polling. A note whose process is gone (left by a process that was killed) is not believed.
    /// </summary>
    private static string Holder(string path)
    {
        var note = path + ".owner";
        if (ReadLiveNote(note) is { } text)
        {
            return $"held by {text}";
        }

        try
        {
            using var watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(note)!, System.IO.Path.GetFileName(note))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };

            // Read again once the watcher is on: the note may have been written between the first read and now.
            var deadline = Environment.TickCount64 + (long)NoteWait.TotalMilliseconds;
            string? written;
            while ((written = ReadLiveNote(note)) is null)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || watcher.WaitForChanged(WatcherChangeTypes.Created | WatcherChangeTypes.Changed | WatcherChangeTypes.Renamed, (int)left).TimedOut)
                {
                    return ReadLiveNote(note) is { } last ? $"held by {last}" : "holder unknown: its note is not written yet";
                }
            }

            return $"held by {written}";
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            return "holder unknown";
        }
    }

    private static readonly TimeSpan NoteWait = TimeSpan.FromSeconds(2);

    /// <summary>The owner note, when it is there and its process is alive.</summary>
    private static string? ReadLiveNote(string note)
    {
        string text;
        try
        {
            text = File.ReadAllText(note).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (text.Length == 0)
        {
            return null;
        }

        // "pid N, started ...": a note left by a process that no longer runs names nobody.
        var pidText = text.StartsWith("pid ", StringComparison.Ordinal) ? text[4..].Split(',')[0] : null;
        if (int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited)
                {
                    return null;
                }
            }
            catch (ArgumentException)
            {
                return null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        return text;
    }
}
