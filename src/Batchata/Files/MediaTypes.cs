namespace Batchata;

/// <summary>Maps file extensions to Batchata file kinds and media types.</summary>
internal static class MediaTypes
{
    /// <summary>The PDF media type.</summary>
    public const string Pdf = "application/pdf";

    /// <summary>The plain-text media type; every text kind (and DOCX, once extracted) is sent as this.</summary>
    public const string PlainText = "text/plain";

    /// <summary>The DOCX media type.</summary>
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The PNG media type.</summary>
    public const string Png = "image/png";

    /// <summary>The JPEG media type.</summary>
    public const string Jpeg = "image/jpeg";

    /// <summary>The GIF media type.</summary>
    public const string Gif = "image/gif";

    /// <summary>The WEBP media type.</summary>
    public const string Webp = "image/webp";

    private static readonly Dictionary<string, (JobFileKind Kind, string MediaType)> ByExtension =
        new(StringComparer.OrdinalIgnoreCase)
        {
            [".pdf"] = (JobFileKind.Pdf, Pdf),
            [".txt"] = (JobFileKind.Text, PlainText),
            [".text"] = (JobFileKind.Text, PlainText),
            [".md"] = (JobFileKind.Text, "text/markdown"),
            [".markdown"] = (JobFileKind.Text, "text/markdown"),
            [".csv"] = (JobFileKind.Text, "text/csv"),
            [".json"] = (JobFileKind.Text, "application/json"),
            [".html"] = (JobFileKind.Text, "text/html"),
            [".htm"] = (JobFileKind.Text, "text/html"),
            [".xml"] = (JobFileKind.Text, "application/xml"),
            [".docx"] = (JobFileKind.Docx, Docx),
            [".png"] = (JobFileKind.Image, Png),
            [".jpg"] = (JobFileKind.Image, Jpeg),
            [".jpeg"] = (JobFileKind.Image, Jpeg),
            [".gif"] = (JobFileKind.Image, Gif),
            [".webp"] = (JobFileKind.Image, Webp),
        };

    /// <summary>Gets the supported extensions, for error messages.</summary>
    public static string SupportedList { get; } = string.Join(", ", ByExtension.Keys);

    /// <summary>Looks up the kind and media type of an extension (with its dot).</summary>
    /// <param name="extension">The extension, for example ".pdf"; case is ignored.</param>
    /// <param name="kind">The file kind, when found.</param>
    /// <param name="mediaType">The media type of the file as stored, when found.</param>
    /// <returns><see langword="true"/> when the extension is supported.</returns>
    public static bool TryGetByExtension(string extension, out JobFileKind kind, out string mediaType)
    {
        if (ByExtension.TryGetValue(extension, out var entry))
        {
            (kind, mediaType) = entry;
            return true;
        }

        (kind, mediaType) = (default, "");
        return false;
    }

    /// <summary>Gets the media type to send to a provider: text kinds and extracted DOCX become text/plain.</summary>
    /// <param name="kind">The file kind.</param>
    /// <param name="mediaType">The stored media type.</param>
    /// <returns>The media type to put on the wire.</returns>
    public static string ToWire(JobFileKind kind, string mediaType) =>
        kind is JobFileKind.Text or JobFileKind.Docx ? PlainText : mediaType;
}
