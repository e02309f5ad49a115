namespace Batchata.Tests.Files;

public sealed class FileInspectorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Inspect_MissingFile_ThrowsNamingFileJobAndCurrentDirectory()
    {
        var path = Path.Combine(_dir.Path, "nope.pdf");

        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(path, "job-1"));

        Assert.Equal("job-1", ex.JobId);
        Assert.Contains("Job 'job-1'", ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Contains("does not exist", ex.Message);
        Assert.Contains(Environment.CurrentDirectory, ex.Message);
    }

    [Fact]
    public void Inspect_Directory_Throws()
    {
        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(_dir.Path, "job-1"));

        Assert.Contains("Job 'job-1'", ex.Message);
        Assert.Contains(_dir.Path, ex.Message);
        Assert.Contains("is a directory", ex.Message);
    }

    [Fact]
    public void Inspect_EmptyFile_Throws()
    {
        var path = _dir.Write("empty.txt", []);

        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(path, "job-1"));

        Assert.Contains("Job 'job-1'", ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void Inspect_EmptyPath_Throws()
    {
        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(" ", "job-1"));

        Assert.Contains("Job 'job-1'", ex.Message);
    }

    [Theory]
    [InlineData("sheet.xlsx")]
    [InlineData("noextension")]
    public void Inspect_UnsupportedExtension_ThrowsListingSupportedTypes(string name)
    {
        var path = _dir.WriteText(name, "data");

        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(path, "job-1"));

        Assert.Contains("Job 'job-1'", ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Contains("unsupported type", ex.Message);
        Assert.Contains(".pdf", ex.Message);
        Assert.Contains(".docx", ex.Message);
    }

    [Fact]
    public void Inspect_PdfExtensionWithTextContent_ThrowsNotAPdf()
    {
        var path = _dir.WriteText("fake.pdf", "hello, I am text");

        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(path, "job-1"));

        Assert.Contains("Job 'job-1'", ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Contains("is not a PDF document", ex.Message);
    }

    [Fact]
    public void Inspect_PngNamedJpg_ThrowsNamingRealContent()
    {
        var path = _dir.Write("photo.jpg", TestFiles.Png);

        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(path, "job-1"));

        Assert.Contains(path, ex.Message);
        Assert.Contains("contains a PNG image", ex.Message);
    }

    [Fact]
    public void Inspect_PdfNamedTxt_Throws()
    {
        var path = _dir.Write("notes.txt", TestFiles.Pdf("x"));

        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(path, "job-1"));

        Assert.Contains(path, ex.Message);
        Assert.Contains("contains a PDF document", ex.Message);
    }

    [Fact]
    public void Inspect_TextWithNulBytes_Throws()
    {
        var path = _dir.Write("data.txt", [0x61, 0x00, 0x62]);

        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(path, "job-1"));

        Assert.Contains(path, ex.Message);
        Assert.Contains("not UTF-8 text", ex.Message);
    }

    [Fact]
    public void Inspect_InvalidUtf8_Throws()
    {
        var path = _dir.Write("data.md", [0x61, 0xC3, 0x28, 0x62]);

        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(path, "job-1"));

        Assert.Contains("not UTF-8 text", ex.Message);
    }

    [Fact]
    public void Inspect_ZipWithoutWordDocumentNamedDocx_Throws()
    {
        var zipPath = Path.Combine(_dir.Path, "plain.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(zipPath, System.IO.Compression.ZipArchiveMode.Create))
            zip.CreateEntry("readme.txt");
        var path = Path.Combine(_dir.Path, "report.docx");
        File.Move(zipPath, path);

        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(path, "job-1"));

        Assert.Contains(path, ex.Message);
        Assert.Contains("is not a DOCX document", ex.Message);
    }

    public static TheoryData<string, string, string> ValidFiles() => new()
    {
        { "a.pdf", "Pdf", "application/pdf" },
        { "a.txt", "Text", "text/plain" },
        { "a.md", "Text", "text/markdown" },
        { "a.csv", "Text", "text/csv" },
        { "a.json", "Text", "application/json" },
        { "a.docx", "Docx", MediaTypes.Docx },
        { "a.png", "Image", "image/png" },
        { "a.JPG", "Image", "image/jpeg" },
        { "a.gif", "Image", "image/gif" },
        { "a.webp", "Image", "image/webp" },
    };

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Inspect_ValidFile_ReturnsKindMediaTypeAndAbsolutePath(string name, string kind, string mediaType)
    {
        var bytes = Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".pdf" => TestFiles.Pdf("hello"),
            ".docx" => TestFiles.Docx(["hello"]),
            ".png" => TestFiles.Png,
            ".jpg" => TestFiles.Jpeg,
            ".gif" => TestFiles.Gif,
            ".webp" => TestFiles.Webp,
            _ => "héllo, {\"x\": 1}\n"u8.ToArray(),
        };
        var path = _dir.Write(name, bytes);

        var file = FileInspector.Inspect(path, "job-1");

        Assert.Equal(new JobFile(path, Enum.Parse<JobFileKind>(kind), mediaType), file);
        Assert.True(Path.IsPathFullyQualified(file.Path));
    }

    [Fact]
    public void Inspect_RelativePath_ReturnsAbsolutePath()
    {
        var path = _dir.WriteText("rel.txt", "hi");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        var file = FileInspector.Inspect(relative, null);

        Assert.Equal(path, file.Path);
    }

    [Fact]
    public void Inspect_NoJobId_MessageHasNoJobPrefix()
    {
        var ex = Assert.Throws<BatchValidationException>(() => FileInspector.Inspect(Path.Combine(_dir.Path, "x.txt"), null));

        Assert.Null(ex.JobId);
        Assert.StartsWith("File '", ex.Message);
    }
}
