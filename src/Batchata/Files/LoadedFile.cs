using System.Text;

namespace Batchata;

/// <summary>The content of one input file, read once at submission time.</summary>
internal sealed class LoadedFile
{
    private string? _base64;

    /// <summary>Initializes a new instance of the <see cref="LoadedFile"/> class.</summary>
    /// <param name="kind">The kind of the source file.</param>
    /// <param name="mediaType">The media type to send (text kinds and DOCX are text/plain).</param>
    /// <param name="fileName">The file name without directory.</param>
    /// <param name="bytes">The raw bytes, for PDFs and images.</param>
    /// <param name="text">The text, for text files and DOCX.</param>
    /// <param name="pages">The page count of a PDF; 0 for other kinds.</param>
    public LoadedFile(JobFileKind kind, string mediaType, string fileName, byte[]? bytes, string? text, int pages)
    {
        Kind = kind;
        MediaType = mediaType;
        FileName = fileName;
        Bytes = bytes;
        Text = text;
        Pages = pages;
    }

    /// <summary>Gets the kind of the source file.</summary>
    public JobFileKind Kind { get; }

    /// <summary>Gets the media type to send: application/pdf, image/*, or text/plain for text and DOCX.</summary>
    public string MediaType { get; }

    /// <summary>Gets the file name without directory (OpenAI's <c>filename</c>, Anthropic's document title).</summary>
    public string FileName { get; }

    /// <summary>Gets the raw bytes of a PDF or image; null for text and DOCX.</summary>
    public byte[]? Bytes { get; }

    /// <summary>Gets the text of a text file or the extracted text of a DOCX (paragraphs joined with "\n"); null for PDF and images.</summary>
    public string? Text { get; }

    /// <summary>Gets the page count of a PDF; 0 for other kinds.</summary>
    public int Pages { get; }

    /// <summary>Gets the base64 of <see cref="Bytes"/> (or of the UTF-8 <see cref="Text"/>), computed on first use and cached.</summary>
    public string Base64 => _base64 ??= Convert.ToBase64String(Bytes ?? Encoding.UTF8.GetBytes(Text ?? ""));

    /// <summary>Gets a data URL (<c>data:{MediaType};base64,…</c>) as OpenAI file and image parts need it.</summary>
    public string DataUrl => $"data:{MediaType};base64,{Base64}";
}
