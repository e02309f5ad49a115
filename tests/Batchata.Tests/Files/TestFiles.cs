using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Batchata.Tests.Files;

/// <summary>
/// Generates small input files for tests: PDFs (uncompressed, so a naive reader finds the text), DOCX,
/// images and broken files. Self-contained (PdfPig not needed for writing, DocumentFormat.OpenXml for DOCX)
/// so other test projects can copy it.
/// </summary>
public static class TestFiles
{
    /// <summary>A valid 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A tiny JPEG (SOI, JFIF APP0, EOI): enough for signature checks, not a decodable picture.</summary>
    public static byte[] Jpeg { get; } =
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    /// <summary>A valid 1×1 GIF.</summary>
    public static byte[] Gif { get; } = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>A minimal WEBP container header (RIFF....WEBPVP8 ).</summary>
    public static byte[] Webp { get; } = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8 "u8, 0x0E, 0, 0, 0, 0x30, 0x01, 0, 0x9D, 0x01, 0x2A, 1, 0, 1, 0, 0, 0];

    /// <summary>Bytes that start like a PDF but are not one.</summary>
    public static byte[] CorruptPdf { get; } = Encoding.ASCII.GetBytes("%PDF-1.7\n% this is not really a PDF\n1 0 obj << /Type /Broken\n");

    /// <summary>Builds a PDF with one page per entry, each showing its text in Helvetica; content streams are not compressed.</summary>
    /// <param name="pageTexts">The text of each page; an empty string makes a page with no text.</param>
    /// <returns>The PDF bytes.</returns>
    public static byte[] Pdf(params string[] pageTexts) => BuildPdf(pageTexts, encrypt: false);

    /// <summary>Builds an image-only PDF: pages that draw a filled rectangle and have no text at all.</summary>
    /// <param name="pages">The number of pages.</param>
    /// <returns>The PDF bytes.</returns>
    public static byte[] ImageOnlyPdf(int pages = 1) => BuildPdf(Enumerable.Repeat("", pages).ToArray(), encrypt: false);

    /// <summary>Builds a PDF whose trailer declares standard-security encryption (a password the test does not know).</summary>
    /// <returns>The PDF bytes.</returns>
    public static byte[] EncryptedPdf() => BuildPdf(["secret"], encrypt: true);

    /// <summary>Builds a PDF with PdfPig's <c>PdfDocumentBuilder</c> (Helvetica, A4): a second, independent writer (content may be compressed).</summary>
    /// <param name="pageTexts">The text of each page.</param>
    /// <returns>The PDF bytes.</returns>
    public static byte[] PdfPigPdf(params string[] pageTexts)
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        foreach (var text in pageTexts)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            if (text.Length > 0)
                page.AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(72, 720), font);
        }

        return builder.Build();
    }

    /// <summary>Builds a DOCX with the given paragraphs and, optionally, a table.</summary>
    /// <param name="paragraphs">The body paragraphs.</param>
    /// <param name="tableRows">Rows of cell texts for one table after the paragraphs, or null for none.</param>
    /// <returns>The DOCX bytes.</returns>
    public static byte[] Docx(IEnumerable<string> paragraphs, IEnumerable<string[]>? tableRows = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve }))));
            if (tableRows is not null)
            {
                body.Append(new Table(tableRows.Select(row =>
                    new TableRow(row.Select(cell => new TableCell(new Paragraph(new Run(new Text(cell)))))))));
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Writes bytes to <paramref name="directory"/>/<paramref name="name"/> and returns the full path.</summary>
    /// <param name="directory">An existing directory.</param>
    /// <param name="name">The file name.</param>
    /// <param name="bytes">The content.</param>
    /// <returns>The full path.</returns>
    public static string Write(string directory, string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Builds a file that has the DOCX structure (<c>word/document.xml</c>) but damaged XML inside.</summary>
    /// <returns>The bytes.</returns>
    public static byte[] CorruptDocx()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write("<w:document this is not xml");
        }

        return stream.ToArray();
    }

    private static byte[] BuildPdf(string[] pageTexts, bool encrypt)
    {
        if (pageTexts.Length == 0) throw new ArgumentException("At least one page is required.", nameof(pageTexts));
        var objects = new List<string>();
        var pageCount = pageTexts.Length;
        var firstPage = 4;
        var kids = string.Join(" ", Enumerable.Range(0, pageCount).Select(i => $"{firstPage + (2 * i)} 0 R"));
        objects.Add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.Add($"<< /Type /Pages /Kids [{kids}] /Count {pageCount} >>");
        objects.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        for (var i = 0; i < pageCount; i++)
        {
            var content = pageTexts[i].Length == 0
                ? "0.5 g 72 72 200 200 re f"
                : $"BT /F1 12 Tf 72 720 Td ({Escape(pageTexts[i])}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {firstPage + (2 * i) + 1} 0 R >>");
            objects.Add($"<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}\nendstream");
        }

        if (encrypt)
            objects.Add("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + new string('A', 64) + "> /U <" + new string('B', 64) + "> >>");

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        var encryptEntry = encrypt ? $" /Encrypt {objects.Count} 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]" : "";
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R{encryptEntry} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");
}
