using System.Text.Json;

namespace Batchata;

/// <summary>Writes result files atomically: a temp file in the same directory, flushed, then renamed over the target.</summary>
internal static class ResultFileWriter
{
    /// <remarks>
    /// A result file is a few KB, and a run writes one per job, so each costs as few system calls as an atomic
    /// write allows: the JSON is serialized in memory and written with one synchronous call (an asynchronous file
    /// stream on Linux is the same write queued to the thread pool); the handle takes no advisory lock (the temp
    /// name is unique); the directory is created only when the write finds it missing.
    /// </remarks>
    public static Task WriteAsync(JobResult result, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(Serialize(result), path);
        return Task.CompletedTask;
    }

    /// <summary>The bytes of a job's result file.</summary>
    public static byte[] Serialize(JobResult result) => JsonSerializer.SerializeToUtf8Bytes(result, JsonDefaults.ResultFileInfo);

    /// <summary>Writes a result file's bytes atomically (temp file, then rename over the target).</summary>
    public static void Write(byte[] bytes, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            try
            {
                WriteNew(temp, bytes);
            }
            catch (DirectoryNotFoundException)
            {
                Directory.CreateDirectory(directory);
                WriteNew(temp, bytes);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Removes temp files that an interrupted earlier run of Batchata left (only its own <c>.*.json.*.tmp</c> and write-probe names).</summary>
    public static void RemoveStaleTempFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var temp in Directory.EnumerateFiles(directory, ".*.json.*.tmp").Concat(Directory.EnumerateFiles(directory, ".batchata-write-probe-*.tmp")))
        {
            TryDelete(temp);
        }
    }

    private static void WriteNew(string path, byte[] bytes)
    {
        using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.Write(file, bytes, 0);
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
        }
    }
}
