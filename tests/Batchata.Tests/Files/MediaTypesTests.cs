namespace Batchata.Tests.Files;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData(".PDF", "Pdf", "application/pdf")]
    [InlineData(".md", "Text", "text/markdown")]
    [InlineData(".jpeg", "Image", "image/jpeg")]
    [InlineData(".docx", "Docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public void TryGetByExtension_Known_ReturnsKindAndMediaType(string extension, string kind, string mediaType)
    {
        Assert.True(MediaTypes.TryGetByExtension(extension, out var k, out var m));
        Assert.Equal(Enum.Parse<JobFileKind>(kind), k);
        Assert.Equal(mediaType, m);
    }

    [Fact]
    public void TryGetByExtension_Unknown_ReturnsFalse()
    {
        Assert.False(MediaTypes.TryGetByExtension(".exe", out _, out _));
    }

    [Theory]
    [InlineData("Text", "text/markdown", "text/plain")]
    [InlineData("Docx", MediaTypes.Docx, "text/plain")]
    [InlineData("Pdf", "application/pdf", "application/pdf")]
    [InlineData("Image", "image/webp", "image/webp")]
    public void ToWire_Kind_ReturnsSentMediaType(string kind, string stored, string expected)
    {
        Assert.Equal(expected, MediaTypes.ToWire(Enum.Parse<JobFileKind>(kind), stored));
    }
}
