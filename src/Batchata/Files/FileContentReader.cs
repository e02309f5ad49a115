using System.Text;

namespace Batchata;

/// <summary>Reads the content of an input file for a request. Each call reads the file once.</summary>
internal static class FileContentReader
{
    /// <summary>Reads one file.</summary>
    /// <param name="file">The file, as returned by <see cref="FileInspector.Inspect"/>.</param>
    /// <param name="jobId">The id of the job the file belongs to, for error messages, if known.</param>
    /// <returns>The loaded content.</returns>
    /// <exception cref="BatchValidationException">The file cannot be read, or a PDF or DOCX is damaged.</exception>
    public static LoadedFile Read(JobFile file, string? jobId = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FileErrors.Unreadable(file.Path, jobId, ex);
        }

        var name = Path.GetFileName(file.Path);
        var wire = MediaTypes.ToWire(file.Kind, file.MediaType);
        switch (file.Kind)
        {
            case JobFileKind.Pdf:
                var facts = PdfFacts.Read(bytes, checkText: false);
                if (facts.Error is not null)
                    throw FileErrors.Rule(file.Path, jobId, $"is an unreadable PDF ({facts.Error})", "Open and re-save it with a PDF tool, or pass a different file");
                return new LoadedFile(file.Kind, wire, name, bytes, null, facts.Pages);
            case JobFileKind.Image:
                return new LoadedFile(file.Kind, wire, name, bytes, null, 0);
            case JobFileKind.Docx:
                return new LoadedFile(file.Kind, wire, name, null, DocxText.Extract(bytes, file.Path, jobId), 0);
            default:
                return new LoadedFile(file.Kind, wire, name, null, DecodeText(bytes), 0);
        }
    }

    private static string DecodeText(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            span = span[3..];
        return Encoding.UTF8.GetString(span);
    }
}
