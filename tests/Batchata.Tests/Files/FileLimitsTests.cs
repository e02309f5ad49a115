namespace Batchata.Tests.Files;

public sealed class FileLimitsTests
{
    [Theory]
    [InlineData("anthropic", 32, 100, 5)]
    [InlineData("OpenAI", 32, 100, 20)]
    [InlineData("gemini", 20, 1000, 20)]
    public void ForProvider_KnownProvider_ReturnsDocumentedLimits(string provider, int documentMb, int pages, int imageMb)
    {
        var limits = FileLimits.ForProvider(provider);

        Assert.Equal(documentMb * 1024L * 1024, limits.MaxDocumentBytes);
        Assert.Equal(pages, limits.MaxPdfPages);
        Assert.Equal(imageMb * 1024L * 1024, limits.MaxImageBytes);
    }

    [Fact]
    public void ForProvider_UnknownProvider_Throws()
    {
        Assert.Throws<ArgumentException>(() => FileLimits.ForProvider("mistral"));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    public void Base64Length_Bytes_MatchesConvert(long bytes, long expected)
    {
        Assert.Equal(expected, FileLimits.Base64Length(bytes));
        Assert.Equal(expected, Convert.ToBase64String(new byte[bytes]).Length);
    }
}
