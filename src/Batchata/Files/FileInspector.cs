namespace Batchata;

/// <summary>Checks an input file path at <c>AddJob</c> time and classifies the file from its extension and its content.</summary>
internal static class FileInspector
{
    /// <summary>Resolves, checks and classifies one input file.</summary>
    /// <param name="path">The path as the caller gave it; relative paths are resolved from the current directory.</param>
    /// <param name="jobId">The id of the job the file belongs to, for error messages.</param>
    /// <returns>The file with its absolute path, kind and media type.</returns>
    /// <exception cref="BatchValidationException">The file is missing, a directory, empty, of an unsupported type, or its content does not match its extension.</exception>
    public static JobFile Inspect(string path, string? jobId)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new BatchValidationException(jobId, "The file path is empty. Pass the path of a PDF, text, DOCX or image file.");

        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            throw FileErrors.IsDirectory(fullPath, jobId);
        if (!File.Exists(fullPath))
            throw FileErrors.Missing(path, fullPath, jobId);

        long length;
        try
        {
            length = new FileInfo(fullPath).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FileErrors.Unreadable(fullPath, jobId, ex);
        }

        if (length == 0)
            throw FileErrors.Empty(fullPath, jobId);

        var extension = Path.GetExtension(fullPath);
        if (!MediaTypes.TryGetByExtension(extension, out var kind, out var mediaType))
            throw FileErrors.UnsupportedType(fullPath, extension, jobId);

        try
        {
            CheckContent(fullPath, extension, kind, mediaType, jobId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FileErrors.Unreadable(fullPath, jobId, ex);
        }

        return new JobFile(fullPath, kind, mediaType);
    }

    private static void CheckContent(string fullPath, string extension, JobFileKind kind, string mediaType, string? jobId)
    {
        var sniffed = FileSignature.Sniff(fullPath);
        if (kind == JobFileKind.Text)
        {
            if (sniffed is not null || !FileSignature.IsUtf8Text(fullPath))
                throw FileErrors.NotText(fullPath, extension, sniffed, jobId);
            return;
        }

        if (sniffed != mediaType)
            throw FileErrors.ContentMismatch(fullPath, extension, mediaType, sniffed, jobId);
    }
}
