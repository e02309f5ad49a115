using System.Diagnostics;
using System.Globalization;

namespace Batchata;

/// <summary>
/// One writer per state file and results directory: an exclusive OS lock on <c>{state}.lock</c>, held for the
/// whole run (and by <c>batchata cancel</c>). The operating system releases it when the process ends, however it
/// ends (kill -9 included), so a stale lock never blocks a later run. The holder's pid and start time are written
/// to <c>{lock}.owner</c> (a separate file: the locked one cannot be read by others on every platform), so that a
/// refused process can name it. Readers (<c>status</c>, <c>results</c>) do not take the lock.
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
            using var process = Process.GetCurrentProcess();
            var owner = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}, started {process.StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC, locked {timeProvider.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC, on {Environment.MachineName}");
            File.WriteAllText(path + ".owner", owner);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The owner note is informative only: the lock itself is held.
        }

        return stream;
    }

    private static string Holder(string path)
    {
        // The holder writes its note just after taking the lock; give it a moment if we raced it.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                var text = File.ReadAllText(path + ".owner").Trim();
                if (text.Length > 0)
                {
                    return $"held by {text}";
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }

            Thread.Sleep(25);
        }

        return "holder unknown";
    }
}
