using System.IO.Compression;
using System.Text;

namespace Batchata;

/// <summary>Recognises file contents from their first bytes ("magic numbers").</summary>
internal static class FileSignature
{
    private const int HeadLength = 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Describes what the content of a file looks like, or returns null when it is not a known binary format.</summary>
    /// <param name="path">The absolute path of an existing, non-empty file.</param>
    /// <returns>A media type (image/*, application/pdf, the DOCX type, "application/zip") or null.</returns>
    public static string? Sniff(string path)
    {
        var head = ReadHead(path);
        ReadOnlySpan<byte> h = head;
        if (h.StartsWith("%PDF-"u8)) return MediaTypes.Pdf;
        if (h.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return MediaTypes.Png;
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return MediaTypes.Jpeg;
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8)) return MediaTypes.Gif;
        if (h.Length >= 12 && h.StartsWith("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return MediaTypes.Webp;
        if (h.StartsWith("PK\u0003\u0004"u8)) return IsDocx(path) ? MediaTypes.Docx : "application/zip";
        return null;
    }

    /// <summary>Checks that a file is UTF-8 text without NUL bytes.</summary>
    /// <param name="path">The absolute path of an existing file.</param>
    /// <returns><see langword="true"/> when the whole file is valid UTF-8 with no NUL byte.</returns>
    public static bool IsUtf8Text(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().Contains((byte)0)) return false;
        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Names a sniffed media type for a person.</summary>
    /// <param name="mediaType">A result of <see cref="Sniff"/>, or null.</param>
    /// <returns>A short description such as "a PNG image".</returns>
    public static string Describe(string? mediaType) => mediaType switch
    {
        MediaTypes.Pdf => "a PDF document",
        MediaTypes.Png => "a PNG image",
        MediaTypes.Jpeg => "a JPEG image",
        MediaTypes.Gif => "a GIF image",
        MediaTypes.Webp => "a WEBP image",
        MediaTypes.Docx => "a DOCX document",
        "application/zip" => "a ZIP archive",
        _ => "binary data",
    };

    private static byte[] ReadHead(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[HeadLength];
        var read = stream.ReadAtLeast(buffer, HeadLength, throwOnEndOfStream: false);
        return buffer[..read];
    }

    private static bool IsDocx(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
