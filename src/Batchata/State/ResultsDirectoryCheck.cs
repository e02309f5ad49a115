namespace Batchata;

/// <summary>
/// Pre-flight for a run: the results directory is proven writable (created if missing, a probe file written and
/// deleted) before anything is submitted, so that a directory that cannot take result files is found before batches
/// are created and paid for, not after.
/// </summary>
internal static class ResultsDirectoryCheck
{
    /// <summary>Creates the directory if needed and writes and deletes a probe file in it.</summary>
    /// <exception cref="BatchValidationException">The path names a file, or the directory cannot be created or written.</exception>
    public static void EnsureWritable(string resultsDir)
    {
        var full = Path.GetFullPath(resultsDir);
        if (File.Exists(full))
        {
            throw new BatchValidationException(
                $"The results directory '{full}' is a file, not a directory. Nothing was submitted. Pass a directory for the result files (CLI: --results-dir DIR; it is created if missing), or move the file.");
        }

        var probe = Path.Combine(full, $".batchata-write-probe-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(full);
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                stream.WriteByte(0);
                stream.Flush(flushToDisk: false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new BatchValidationException(
                $"The results directory '{full}' cannot be written ({ex.Message}). Nothing was submitted. Choose a directory you can write (CLI: --results-dir DIR), or fix its permissions or free space, then run again.", ex);
        }
        finally
        {
            if (File.Exists(probe))
            {
                try
                {
                    File.Delete(probe);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
