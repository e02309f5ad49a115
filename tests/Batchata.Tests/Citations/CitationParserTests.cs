using System.Text.Json;

namespace Batchata.Tests.Citations;

public sealed class CitationParserTests
{
    private static Citation Parse(string json) => CitationParser.FromAnthropic(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void FromAnthropic_CharLocation_MapsCharIndexes()
    {
        var c = Parse("""{"type":"char_location","cited_text":"The sky is blue.","document_index":1,"document_title":"Facts","start_char_index":0,"end_char_index":16}""");

        Assert.Equal(("The sky is blue.", "Facts", 1, "char_location", 0, 16), (c.Text, c.Source, c.DocumentIndex, c.Kind, c.StartChar!.Value, c.EndChar!.Value));
        Assert.Null(c.Page);
        Assert.Null(c.EndPage);
        Assert.Null(c.Confidence);
    }

    [Fact]
    public void FromAnthropic_PageLocation_MapsPages()
    {
        var c = Parse("""{"type":"page_location","cited_text":"Total: 5","document_index":0,"document_title":null,"start_page_number":2,"end_page_number":3}""");

        Assert.Equal(2, c.Page);
        Assert.Equal(3, c.EndPage);
        Assert.Equal("Document", c.Source);
        Assert.Equal("page_location", c.Kind);
        Assert.Null(c.StartChar);
    }

    [Fact]
    public void FromAnthropic_ContentBlockLocation_StoresBlockIndexes()
    {
        var c = Parse("""{"type":"content_block_location","cited_text":"chunk","document_index":2,"start_block_index":1,"end_block_index":2}""");

        Assert.Equal(("content_block_location", 1, 2, 2), (c.Kind, c.StartChar!.Value, c.EndChar!.Value, c.DocumentIndex));
        Assert.Null(c.Page);
    }

    [Fact]
    public void FromAnthropic_MissingFields_UsesDefaults()
    {
        var c = Parse("""{"type":"web_search_result_location"}""");

        Assert.Equal(("", "Document", 0), (c.Text, c.Source, c.DocumentIndex));
        Assert.Equal("web_search_result_location", c.Kind);
    }

    [Fact]
    public void ReadTextBlocks_Content_KeepsTextBlocksWithCitations()
    {
        using var doc = JsonDocument.Parse("""
            [{"type":"thinking","thinking":"..."},
             {"type":"text","text":"{\"a\": \""},
             {"type":"text","text":"blue","citations":[{"type":"char_location","cited_text":"blue","document_index":0,"start_char_index":11,"end_char_index":15}]},
             {"type":"text","text":"\"}","citations":null}]
            """);

        var blocks = CitationParser.ReadTextBlocks(doc.RootElement);

        Assert.Equal(["{\"a\": \"", "blue", "\"}"], blocks.Select(b => b.Text));
        Assert.Equal(11, Assert.Single(blocks[1].Citations).StartChar);
        Assert.Empty(blocks[2].Citations);
        var map = CitationMapper.Map(blocks, JsonDocument.Parse("{\"a\":\"blue\"}").RootElement);
        Assert.Equal("blue", Assert.Single(map["a"]).Text);
    }

    [Fact]
    public void ReadTextBlocks_NotArray_ReturnsEmpty()
    {
        Assert.Empty(CitationParser.ReadTextBlocks(JsonDocument.Parse("{}").RootElement));
    }
}
