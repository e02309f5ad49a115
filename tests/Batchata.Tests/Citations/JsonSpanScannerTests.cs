namespace Batchata.Tests.Citations;

public sealed class JsonSpanScannerTests
{
    private static IReadOnlyList<JsonValueSpan> Scan(string json) =>
        JsonSpanScanner.Scan(json, 0, json.Length) ?? throw new InvalidOperationException("scan failed");

    [Fact]
    public void Scan_Object_RecordsPathsAndRawSpans()
    {
        string json = "{\"a\": \"x\\\"y\", \"b\": [1, {\"c\": true}], \"d\": null}";

        var spans = Scan(json);

        Assert.Equal(["", "a", "b", "b[0]", "b[1]", "b[1].c", "d"], spans.Select(s => s.Path));
        var a = spans.Single(s => s.Path == "a");
        Assert.Equal("\"x\\\"y\"", json[a.Start..a.End]);
        Assert.Equal("x\\\"y", json[a.ContentStart..a.ContentEnd]);
        var c = spans.Single(s => s.Path == "b[1].c");
        Assert.Equal("true", json[c.Start..c.End]);
        Assert.False(spans[0].IsLeaf);
        Assert.Equal(json.Length, spans[0].End);
    }

    [Fact]
    public void Scan_Offset_SpansAreInFullText()
    {
        string text = "prefix {\"n\": -1.5e3} suffix";

        var spans = JsonSpanScanner.Scan(text, 7, 13)!;

        var n = spans.Single(s => s.Path == "n");
        Assert.Equal("-1.5e3", text[n.Start..n.End]);
    }

    [Fact]
    public void Scan_EmptyContainersAndString_AreValid()
    {
        var spans = Scan("{\"a\": {}, \"b\": [], \"c\": \"\"}");

        var c = spans.Single(s => s.Path == "c");
        Assert.Equal((c.Start, c.End), (c.ContentStart, c.ContentEnd));
        Assert.Equal(4, spans.Count);
    }

    [Theory]
    [InlineData("{\"a\": 1")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\": 1 \"b\": 2}")]
    [InlineData("[1,]")]
    [InlineData("{\"a\": tru}")]
    [InlineData("{\"a\": \"unterminated}")]
    [InlineData("{} extra")]
    public void Scan_InvalidJson_ReturnsNull(string json)
    {
        Assert.Null(JsonSpanScanner.Scan(json, 0, json.Length));
    }
}
