namespace Batchata;

/// <summary>Builds the validation errors about input files. Each message names the file and says what to do.</summary>
internal static class FileErrors
{
    /// <summary>The file does not exist.</summary>
    public static BatchValidationException Missing(string given, string fullPath, string? jobId) => new(jobId,
        $"File '{given}' does not exist (resolved to '{fullPath}'). Check the path; relative paths are resolved from the current directory '{Environment.CurrentDirectory}'.");

    /// <summary>The path is a directory.</summary>
    public static BatchValidationException IsDirectory(string fullPath, string? jobId) => new(jobId,
        $"File '{fullPath}' is a directory, not a file. Pass the path of one file; add one job per file.");

    /// <summary>The file is empty.</summary>
    public static BatchValidationException Empty(string fullPath, string? jobId) => new(jobId,
        $"File '{fullPath}' is empty (0 bytes). Check that it was written completely, or remove it from the batch.");

    /// <summary>The file could not be read.</summary>
    public static BatchValidationException Unreadable(string fullPath, string? jobId, Exception cause) => new(jobId,
        $"File '{fullPath}' cannot be read ({cause.Message}). Check its permissions and that no other program locks it.");

    /// <summary>The extension is not supported.</summary>
    public static BatchValidationException UnsupportedType(string fullPath, string extension, string? jobId) => new(jobId,
        $"File '{fullPath}' has an unsupported type '{(extension.Length == 0 ? "(no extension)" : extension)}'. Supported: {MediaTypes.SupportedList}. Convert it to one of these (for example to PDF or plain text).");

    /// <summary>A text file is binary or not UTF-8.</summary>
    public static BatchValidationException NotText(string fullPath, string extension, string? sniffed, string? jobId) => new(jobId,
        sniffed is null
            ? $"File '{fullPath}' has the extension '{extension}' but is not UTF-8 text (it contains NUL bytes or invalid UTF-8). Save it as UTF-8 text."
            : $"File '{fullPath}' has the extension '{extension}' but contains {FileSignature.Describe(sniffed)}. Rename it with the right extension or pass the right file.");

    /// <summary>The content does not match the extension.</summary>
    public static BatchValidationException ContentMismatch(string fullPath, string extension, string expected, string? sniffed, string? jobId) => new(jobId,
        sniffed is null || sniffed == "application/zip"
            ? $"File '{fullPath}' has the extension '{extension}' but is not {FileSignature.Describe(expected)} (its content is {FileSignature.Describe(sniffed)}); the file is damaged or misnamed. Re-export it or pass the right file."
            : $"File '{fullPath}' has the extension '{extension}' but contains {FileSignature.Describe(sniffed)}. Rename it with the right extension or pass the right file.");

    /// <summary>The job failed a provider or model rule.</summary>
    public static BatchValidationException Rule(string fullPath, string? jobId, string problem, string fix) => new(jobId,
        $"File '{fullPath}' {problem}. {fix}");
}
