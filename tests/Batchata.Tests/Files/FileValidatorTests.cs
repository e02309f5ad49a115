namespace Batchata.Tests.Files;

public sealed class FileValidatorTests : IDisposable
{
    private static readonly FileLimits Tiny = FileLimits.Anthropic with { MaxDocumentBytes = 1000, MaxImageBytes = 100, MaxPdfPages = 2 };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private JobFile File(string name, byte[] bytes) => FileInspector.Inspect(_dir.Write(name, bytes), "job-1");

    private static BatchValidationException AssertRejected(JobFile file, ModelInfo model, bool citations, FileLimits? limits, string expected)
    {
        var ex = Assert.Throws<BatchValidationException>(() => FileValidator.Validate(file, model, citations, "job-1", limits));
        Assert.Equal("job-1", ex.JobId);
        Assert.Contains("Job 'job-1'", ex.Message);
        Assert.Contains(file.Path, ex.Message);
        Assert.Contains(expected, ex.Message);
        return ex;
    }

    [Fact]
    public void Validate_ImageOnModelWithoutVision_Throws()
    {
        var ex = AssertRejected(File("a.png", TestFiles.Png), TestModels.TextOnly, false, null, "does not accept images");

        Assert.Contains("text-only", ex.Message);
        Assert.Contains("Use a model with vision", ex.Message);
    }

    [Fact]
    public void Validate_PdfOnModelWithoutPdf_Throws()
    {
        AssertRejected(File("a.pdf", TestFiles.Pdf("x")), TestModels.TextOnly, false, null, "does not accept PDF input");
    }

    [Fact]
    public void Validate_GifOnGemini_Throws()
    {
        var ex = AssertRejected(File("a.gif", TestFiles.Gif), TestModels.Gemini, false, null, "image/gif");

        Assert.Contains("Convert it to one of", ex.Message);
    }

    [Fact]
    public void Validate_GifOnAnthropic_Passes()
    {
        FileValidator.Validate(File("a.gif", TestFiles.Gif), TestModels.Claude, false, "job-1");
    }

    [Fact]
    public void Validate_ImageTooLarge_Throws()
    {
        var big = TestFiles.Png.Concat(new byte[200]).ToArray();

        AssertRejected(File("big.png", big), TestModels.Claude, false, Tiny, "is too large");
    }

    [Fact]
    public void Validate_PdfTooLarge_Throws()
    {
        var ex = AssertRejected(File("big.pdf", TestFiles.Pdf(new string('x', 2000))), TestModels.Claude, false, Tiny, "is too large");

        Assert.Contains("Split the PDF", ex.Message);
    }

    [Fact]
    public void Validate_TextTooLarge_Throws()
    {
        AssertRejected(File("big.txt", new byte[1001].Select(_ => (byte)'a').ToArray()), TestModels.Gpt, false, Tiny, "is too large");
    }

    [Fact]
    public void Validate_TooManyPages_Throws()
    {
        var ex = AssertRejected(File("long.pdf", TestFiles.Pdf("1", "2", "3")), TestModels.Claude, false, Tiny with { MaxDocumentBytes = 10_000 }, "has 3 pages");

        Assert.Contains("at most 2 pages", ex.Message);
    }

    [Fact]
    public void Validate_PagesAtLimit_Passes()
    {
        FileValidator.Validate(File("ok.pdf", TestFiles.Pdf("1", "2")), TestModels.Claude, true, "job-1", Tiny with { MaxDocumentBytes = 10_000 });
    }

    [Fact]
    public void Validate_UnreadablePdf_Throws()
    {
        var ex = AssertRejected(File("broken.pdf", TestFiles.CorruptPdf), TestModels.Claude, false, null, "unreadable PDF");

        Assert.Contains("re-save", ex.Message);
    }

    [Fact]
    public void Validate_EncryptedPdf_Throws()
    {
        AssertRejected(File("locked.pdf", TestFiles.EncryptedPdf()), TestModels.Claude, false, null, "encrypted (password-protected) PDF");
    }

    [Fact]
    public void Validate_ImageOnlyPdfWithCitations_Throws()
    {
        var ex = AssertRejected(File("scan.pdf", TestFiles.ImageOnlyPdf(2)), TestModels.Claude, true, null, "image-only PDF");

        Assert.Contains("OCR", ex.Message);
    }

    [Fact]
    public void Validate_ImageOnlyPdfWithoutCitations_Passes()
    {
        FileValidator.Validate(File("scan.pdf", TestFiles.ImageOnlyPdf()), TestModels.Claude, false, "job-1");
    }

    [Fact]
    public void Validate_PdfWithTextOnLaterPageAndCitations_Passes()
    {
        FileValidator.Validate(File("mixed.pdf", TestFiles.Pdf("", "text on page 2")), TestModels.Claude, true, "job-1");
    }

    [Fact]
    public void Validate_CitationsOnImage_Throws()
    {
        AssertRejected(File("a.png", TestFiles.Png), TestModels.Claude, true, null, "citations need a text or PDF document");
    }

    [Fact]
    public void Validate_CitationsOnModelWithoutCitations_Throws()
    {
        var ex = AssertRejected(File("a.txt", "hello"u8.ToArray()), TestModels.Gpt, true, null, "does not support citations");

        Assert.Contains("gpt-test", ex.Message);
    }

    [Theory]
    [InlineData("a.txt")]
    [InlineData("a.md")]
    [InlineData("a.docx")]
    public void Validate_CitationsOnTextDocuments_Passes(string name)
    {
        var bytes = name.EndsWith(".docx", StringComparison.Ordinal) ? TestFiles.Docx(["hello"]) : "hello"u8.ToArray();

        FileValidator.Validate(File(name, bytes), TestModels.Claude, true, "job-1");
    }

    [Fact]
    public void Validate_DocxOnTextOnlyModel_Passes()
    {
        FileValidator.Validate(File("a.docx", TestFiles.Docx(["hello"])), TestModels.TextOnly, false, "job-1");
    }

    [Fact]
    public void Validate_DefaultLimitsFromProvider_ValidFilesPass()
    {
        FileValidator.Validate(File("a.pdf", TestFiles.Pdf("a", "b")), TestModels.Gemini, false, "job-1");
        FileValidator.Validate(File("a.webp", TestFiles.Webp), TestModels.Gpt, false, "job-1");
    }

    [Fact]
    public void Validate_DocxWithoutText_Throws()
    {
        AssertRejected(File("blank.docx", TestFiles.Docx(["", "  "])), TestModels.Claude, false, null, "DOCX with no text");
    }

    [Fact]
    public void Validate_DocxTextTooLarge_Throws()
    {
        AssertRejected(File("long.docx", TestFiles.Docx([new string('w', 1500)])), TestModels.Claude, false, Tiny, "is too large");
    }

    [Fact]
    public void Validate_CorruptDocx_Throws()
    {
        AssertRejected(File("broken.docx", TestFiles.CorruptDocx()), TestModels.Claude, false, null, "unreadable DOCX");
    }

    [Fact]
    public void Validate_PdfPigBuiltPdfWithCitations_Passes()
    {
        FileValidator.Validate(File("pig.pdf", TestFiles.PdfPigPdf("Invoice total 42", "Page two")), TestModels.Claude, true, "job-1");
    }
}
