using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Batchata;

/// <summary>Extracts the text of a DOCX document: body paragraphs one per line, table rows with cells separated by tabs.</summary>
internal static class DocxText
{
    /// <summary>Extracts the text.</summary>
    /// <param name="bytes">The DOCX bytes.</param>
    /// <param name="path">The file path, for error messages.</param>
    /// <param name="jobId">The job id, for error messages, if known.</param>
    /// <returns>The text, lines joined with "\n".</returns>
    /// <exception cref="BatchValidationException">The DOCX cannot be opened.</exception>
    public static string Extract(byte[] bytes, string path, string? jobId = null)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            if (document.MainDocumentPart?.Document is not { } main)
                throw Unreadable(path, jobId, "no main document part");
            if (main.Body is not { } body)
                return "";
            var lines = new List<string>();
            AppendBlocks(body, lines);
            return string.Join("\n", lines);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException)
        {
            throw Unreadable(path, jobId, ex.Message);
        }
    }

    private static BatchValidationException Unreadable(string path, string? jobId, string reason) =>
        FileErrors.Rule(path, jobId, $"is an unreadable DOCX ({reason})", "Open and re-save it with a word processor, or pass a different file");

    private static void AppendBlocks(OpenXmlElement container, List<string> lines)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    lines.Add(paragraph.InnerText);
                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                        lines.Add(string.Join("\t", row.Elements<TableCell>().Select(CellText)));
                    break;
                case SdtBlock block when block.SdtContentBlock is { } content:
                    AppendBlocks(content, lines);
                    break;
            }
        }
    }

    private static string CellText(TableCell cell)
    {
        var text = new StringBuilder();
        foreach (var paragraph in cell.Elements<Paragraph>())
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(paragraph.InnerText);
        }

        return text.ToString();
    }
}
