using System.Text.Json;

namespace Batchata;

/// <summary>Writes result files atomically: a temp file in the same directory, flushed, then renamed over the target.</summary>
internal static class ResultFileWriter
{
    public static async Task WriteAsync(JobResult result, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, result, JsonDefaults.ResultFile, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
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
