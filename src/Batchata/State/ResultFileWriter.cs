using System.Text.Json;

namespace Batchata;

/// <summary>Writes result files atomically: a temp file in the same directory, flushed, then renamed over the target.</summary>
internal static class ResultFileWriter
{
    /// <remarks>
    /// A result file is a few KB: it is serialized in memory and written with one synchronous call, which on every
    /// OS costs less than an asynchronous file stream (on Linux that is the same write, queued to the thread pool).
    /// </remarks>
    public static Task WriteAsync(JobResult result, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(result, JsonDefaults.ResultFile);
        try
        {
            using (var file = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, preallocationSize: bytes.Length))
            {
                RandomAccess.Write(file, bytes, 0);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return Task.CompletedTask;
    }

    /// <summary>Removes temp files that an interrupted earlier run of Batchata left (only its own <c>.*.json.*.tmp</c> names).</summary>
    public static void RemoveStaleTempFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var temp in Directory.EnumerateFiles(directory, ".*.json.*.tmp"))
        {
            TryDelete(temp);
        }
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
