using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Batchata.IntegrationTests.Structured;

/// <summary>Small documents generated in the test: a multi-page PDF (uncompressed text) and a TXT.</summary>
public static class TestDocuments
{
    public static readonly string[] PdfPages =
    [
        "Acme Widgets Ltd issued this invoice from Lisbon.",
        "The product is a titanium bracket sold in boxes of ten.",
        "Payment is due within thirty days of delivery.",
    ];

    public const string Text = "Northwind Traders is based in Oslo. Its flagship product is smoked salmon. The office is on Karl Johans gate.";

    public static string WritePdf(string directory)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in PdfPages)
        {
            var page = builder.AddPage(595, 842);
            page.AddText(text, 11, new PdfPoint(50, 780), font);
        }

        var path = Path.Combine(directory, "invoice.pdf");
        File.WriteAllBytes(path, builder.Build());
        return path;
    }

    public static string WriteText(string directory)
    {
        var path = Path.Combine(directory, "company.txt");
        File.WriteAllText(path, Text);
        return path;
    }
}
