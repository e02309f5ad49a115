using System.Text;

namespace Batchata.Tests.Files;

public sealed class FileContentReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private JobFile File(string name, byte[] bytes) => FileInspector.Inspect(_dir.Write(name, bytes), "job-1");

    [Fact]
    public void Read_Pdf_ReturnsPageCountAndBytes()
    {
        var bytes = TestFiles.Pdf("one", "two", "three");

        var loaded = FileContentReader.Read(File("doc.pdf", bytes));

        Assert.Equal(JobFileKind.Pdf, loaded.Kind);
        Assert.Equal("application/pdf", loaded.MediaType);
        Assert.Equal("doc.pdf", loaded.FileName);
        Assert.Equal(3, loaded.Pages);
        Assert.Equal(bytes, loaded.Bytes);
        Assert.Null(loaded.Text);
    }

    [Fact]
    public void Read_Docx_ReturnsParagraphsAndTableCells()
    {
        var bytes = TestFiles.Docx(["First paragraph.", "Second  one."], [["A1", "B1"], ["A2", "B2"]]);

        var loaded = FileContentReader.Read(File("report.docx", bytes));

        Assert.Equal(JobFileKind.Docx, loaded.Kind);
        Assert.Equal("text/plain", loaded.MediaType);
        Assert.Equal("First paragraph.\nSecond  one.\nA1\tB1\nA2\tB2", loaded.Text);
        Assert.Null(loaded.Bytes);
    }

    [Fact]
    public void Read_TextWithBom_ReturnsTextWithoutBom()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("héllo\nwörld")).ToArray();

        var loaded = FileContentReader.Read(File("notes.txt", bytes));

        Assert.Equal("héllo\nwörld", loaded.Text);
        Assert.Equal(0, loaded.Pages);
    }

    [Fact]
    public void Read_Markdown_MediaTypeIsTextPlain()
    {
        var loaded = FileContentReader.Read(File("readme.md", "# Title"u8.ToArray()));

        Assert.Equal(JobFileKind.Text, loaded.Kind);
        Assert.Equal("text/plain", loaded.MediaType);
        Assert.Equal("# Title", loaded.Text);
    }

    [Fact]
    public void Read_Image_Base64MatchesBytesAndIsCached()
    {
        var loaded = FileContentReader.Read(File("pic.png", TestFiles.Png));

        Assert.Equal("image/png", loaded.MediaType);
        Assert.Equal(Convert.ToBase64String(TestFiles.Png), loaded.Base64);
        Assert.Same(loaded.Base64, loaded.Base64);
        Assert.Equal(TestFiles.Png, Convert.FromBase64String(loaded.Base64));
        Assert.Equal("data:image/png;base64," + loaded.Base64, loaded.DataUrl);
    }

    [Fact]
    public void Read_Text_Base64IsUtf8OfText()
    {
        var loaded = FileContentReader.Read(File("t.txt", Encoding.UTF8.GetBytes("ünïcode")));

        Assert.Equal("ünïcode", Encoding.UTF8.GetString(Convert.FromBase64String(loaded.Base64)));
    }

    [Fact]
    public void Read_CorruptPdf_ThrowsNamingFile()
    {
        var file = File("broken.pdf", TestFiles.CorruptPdf);

        var ex = Assert.Throws<BatchValidationException>(() => FileContentReader.Read(file, "job-7"));

        Assert.Contains("Job 'job-7'", ex.Message);
        Assert.Contains(file.Path, ex.Message);
        Assert.Contains("unreadable PDF", ex.Message);
    }

    [Fact]
    public void Read_DeletedFile_ThrowsNamingFile()
    {
        var file = File("gone.txt", "x"u8.ToArray());
        System.IO.File.Delete(file.Path);

        var ex = Assert.Throws<BatchValidationException>(() => FileContentReader.Read(file));

        Assert.Contains(file.Path, ex.Message);
    }
}
