using System.Text;
using UglyToad.PdfPig;

namespace Batchata.Tests.Files;

public sealed class TestFilesTests
{
    [Fact]
    public void Pdf_PageTexts_AreUncompressedAndReadableByPdfPig()
    {
        var bytes = TestFiles.Pdf("Hello page one", "Page (two)");

        Assert.Contains("Hello page one", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        using var document = PdfDocument.Open(bytes);
        Assert.Equal(2, document.NumberOfPages);
        Assert.Equal("Hello page one", document.GetPage(1).Text);
        Assert.Equal("Page (two)", document.GetPage(2).Text);
    }

    [Fact]
    public void PdfPigPdf_PageTexts_ReadBack()
    {
        using var document = PdfDocument.Open(TestFiles.PdfPigPdf("Alpha", "Beta"));

        Assert.Equal(2, document.NumberOfPages);
        Assert.Equal("Beta", document.GetPage(2).Text);
    }

    [Fact]
    public void ImageOnlyPdf_Pages_HaveNoText()
    {
        using var document = PdfDocument.Open(TestFiles.ImageOnlyPdf(3));

        Assert.Equal(3, document.NumberOfPages);
        Assert.All(document.GetPages(), p => Assert.True(string.IsNullOrWhiteSpace(p.Text)));
    }
}
