using Batchata.Emulator.Core;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Batchata.Emulator.Tests;

public sealed class PdfTextTests
{
    [Fact]
    public void Pages_PdfPigBuilderDocument_ExtractsTextPerPage()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText("Alpha page one.", 12, new PdfPoint(50, 700), font);
        var second = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        second.AddText("Beta page two.", 12, new PdfPoint(50, 700), font);
        second.AddText("More (text) here.", 12, new PdfPoint(50, 680), font);

        var pages = PdfText.Pages(builder.Build());

        Assert.Equal(2, pages.Count);
        Assert.Equal("Alpha page one.", pages[0]);
        Assert.Equal("Beta page two. More (text) here.", pages[1]);
    }

    [Fact]
    public void Pages_MinimalPdf_ExtractsEscapedText()
    {
        var pages = PdfText.Pages(MinimalPdf.Build("a (b) c", "d\\e"));

        Assert.Equal(["a (b) c", "d\\e"], pages);
    }
}
