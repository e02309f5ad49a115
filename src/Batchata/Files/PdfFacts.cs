using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Batchata;

/// <summary>What Batchata needs to know about one PDF: whether it opens, its page count and whether any page has text.</summary>
/// <param name="Pages">The number of pages (0 when the PDF cannot be read).</param>
/// <param name="HasText">Whether any page has extractable text; null when not checked or unreadable.</param>
/// <param name="Error">Why the PDF cannot be used, or null when it opened.</param>
/// <param name="Encrypted">Whether the PDF is encrypted (password protected).</param>
internal sealed record PdfFacts(int Pages, bool? HasText, string? Error = null, bool Encrypted = false)
{
    /// <summary>Opens a PDF with PdfPig and reads its facts. Never throws for bad content.</summary>
    /// <param name="bytes">The PDF bytes.</param>
    /// <param name="checkText">Whether to look for extractable text (slower: parses page content).</param>
    /// <returns>The facts; <see cref="Error"/> is set when the PDF is encrypted, damaged or has no pages.</returns>
    public static PdfFacts Read(byte[] bytes, bool checkText)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            if (document.IsEncrypted)
                return new PdfFacts(0, null, "the document is encrypted", Encrypted: true);
            var pages = document.NumberOfPages;
            if (pages < 1)
                return new PdfFacts(0, null, "the document has no pages");
            bool? hasText = checkText ? document.GetPages().Any(p => p.Text.Any(c => !char.IsWhiteSpace(c))) : null;
            return new PdfFacts(pages, hasText);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            return new PdfFacts(0, null, ex.Message, Encrypted: true);
        }
        catch (Exception ex)
        {
            return new PdfFacts(0, null, ex.Message);
        }
    }
}
