using System.Text.Json;

namespace Batchata.Tests.Citations;

public sealed class CitationMapperTests
{
    /// <summary>Builds blocks from segments; a segment whose second item is non-null is cited with that label.</summary>
    private static List<ResponseTextBlock> Blocks(params (string Text, string? Cite)[] segments) =>
        [.. segments.Select(s => new ResponseTextBlock(s.Text, s.Cite is null ? [] : [new Citation { Text = s.Cite, Source = "doc" }]))];

    private static IReadOnlyDictionary<string, IReadOnlyList<Citation>> Map(List<ResponseTextBlock> blocks)
    {
        string text = string.Concat(blocks.Select(b => b.Text));
        var parsed = StructuredOutputParser.Parse(text, JsonDocument.Parse("{}").RootElement);
        Assert.True(parsed.Success, parsed.Error);
        return CitationMapper.Map(blocks, parsed.Value!.Value);
    }

    private static string[] Labels(IReadOnlyDictionary<string, IReadOnlyList<Citation>> map, string path) =>
        map.TryGetValue(path, out var list) ? [.. list.Select(c => c.Text)] : [];

    [Fact]
    public void Map_BlockInsideString_HighConfidence()
    {
        var map = Map(Blocks(("{\"name\": \"", null), ("Acme", "C1"), ("\", \"total\": 5}", null)));

        var c = Assert.Single(map["name"]);
        Assert.Equal("C1", c.Text);
        Assert.Equal("doc", c.Source);
        Assert.Equal("high", c.Confidence);
        Assert.Equal("block inside value span", c.MatchReason);
        Assert.Single(map);
    }

    [Fact]
    public void Map_RepeatedValues_EachGetsOwnBlock()
    {
        var map = Map(Blocks(
            ("{\"from\": \"", null), ("Paris", "C1"), ("\", \"to\": \"", null), ("Paris", "C2"), ("\"}", null)));

        Assert.Equal(["C1"], Labels(map, "from"));
        Assert.Equal(["C2"], Labels(map, "to"));
    }

    [Fact]
    public void Map_NumberInsideLongerNumber_OnlyExactValue()
    {
        var map = Map(Blocks(("{\"year\": 2025, \"count\": ", null), ("5", "C1"), ("}", null)));

        Assert.Equal(["C1"], Labels(map, "count"));
        Assert.Empty(Labels(map, "year"));
        Assert.Equal("high", map["count"][0].Confidence);
    }

    [Fact]
    public void Map_LongerNumberCited_OnlyThatValue()
    {
        var map = Map(Blocks(("{\"count\": 5, \"year\": ", null), ("2025", "C1"), (", \"n\": 20}", null)));

        Assert.Equal(["C1"], Labels(map, "year"));
        Assert.Single(map);
    }

    [Fact]
    public void Map_Booleans_MapToTheirFields()
    {
        var map = Map(Blocks(("{\"paid\": ", null), ("true", "C1"), (", \"void\": ", null), ("false", "C2"), (", \"x\": null}", null)));

        Assert.Equal(["C1"], Labels(map, "paid"));
        Assert.Equal(["C2"], Labels(map, "void"));
    }

    [Fact]
    public void Map_ValueSplitAcrossBlocks_CollectsAll()
    {
        var map = Map(Blocks(("{\"name\": \"", null), ("Acme ", "C1"), ("Corp", "C2"), ("\"}", null)));

        Assert.Equal(["C1", "C2"], Labels(map, "name"));
        Assert.All(map["name"], c => Assert.Equal("high", c.Confidence));
    }

    [Fact]
    public void Map_EscapedCharacters_SpansInRawText()
    {
        var map = Map(Blocks(
            ("{\"quote\": \"", null), ("say \\\"hi\\\"\\n caf\\u00e9", "C1"), ("\", \"city\": \"a\\\"b\", \"next\": \"", null), ("Lyon", "C2"), ("\"}", null)));

        Assert.Equal(["C1"], Labels(map, "quote"));
        Assert.Equal(["C2"], Labels(map, "next"));
        Assert.Empty(Labels(map, "city"));
    }

    [Fact]
    public void Map_EscapedKey_PathIsUnescaped()
    {
        var map = Map(Blocks(("{\"caf\\u00e9\": \"", null), ("x", "C1"), ("\"}", null)));

        Assert.Equal(["C1"], Labels(map, "café"));
    }

    [Fact]
    public void Map_ArrayOfObjects_IndexedPaths()
    {
        var map = Map(Blocks(
            ("{\"items\": [{\"name\": \"", null), ("Bolt", "C1"), ("\", \"amount\": 3}, {\"name\": \"", null),
            ("Nut", "C2"), ("\", \"amount\": ", null), ("4", "C3"), ("}]}", null)));

        Assert.Equal(["C1"], Labels(map, "items[0].name"));
        Assert.Equal(["C2"], Labels(map, "items[1].name"));
        Assert.Equal(["C3"], Labels(map, "items[1].amount"));
        Assert.Empty(Labels(map, "items[0].amount"));
    }

    [Fact]
    public void Map_ArrayOfScalars_IndexedPaths()
    {
        var map = Map(Blocks(("{\"tags\": [\"a\", \"", null), ("b", "C1"), ("\"]}", null)));

        Assert.Equal(["C1"], Labels(map, "tags[1]"));
    }

    [Fact]
    public void Map_NestedObjects_DottedPath()
    {
        var map = Map(Blocks(("{\"vendor\": {\"name\": \"V\", \"address\": {\"city\": \"", null), ("Oslo", "C1"), ("\"}}}", null)));

        Assert.Equal(["C1"], Labels(map, "vendor.address.city"));
    }

    [Fact]
    public void Map_PrettyPrintedInFenceWithPreamble_Maps()
    {
        var map = Map(Blocks(
            ("Here is the extraction, based on ", null), ("the invoice", "P"), (".\n\n```json\n{\n  \"total\": ", null),
            ("42.50", "C1"), (",\n  \"vendor\": {\n    \"name\": \"", null), ("Acme", "C2"), ("\"\n  }\n}\n```\nDone.", null)));

        Assert.Equal(["C1"], Labels(map, "total"));
        Assert.Equal(["C2"], Labels(map, "vendor.name"));
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void Map_ProsePreambleWithBraces_UsesRealJson()
    {
        var map = Map(Blocks(("Note {not json}: ", "P"), ("{\"a\": \"", null), ("x", "C1"), ("\"}", null)));

        Assert.Equal(["C1"], Labels(map, "a"));
        Assert.Single(map);
    }

    [Fact]
    public void Map_BlockCoversSeveralValues_MediumForEach()
    {
        var map = Map(Blocks(("{\"a\": ", null), ("1, \"b\": 2", "C1"), (", \"c\": 3}", null)));

        Assert.Equal("medium", Assert.Single(map["a"]).Confidence);
        Assert.Equal("medium", Assert.Single(map["b"]).Confidence);
        Assert.Equal("block covers 2 values", map["b"][0].MatchReason);
        Assert.False(map.ContainsKey("c"));
    }

    [Fact]
    public void Map_BlockContainsWholeValueWithQuotes_High()
    {
        var map = Map(Blocks(("{\"a\": ", null), ("\"Acme\"", "C1"), ("}", null)));

        Assert.Equal("high", Assert.Single(map["a"]).Confidence);
    }

    [Fact]
    public void Map_ValueInsideLargerBlock_HighWhenOnlyValue()
    {
        var map = Map(Blocks(("{\"a\": ", null), ("42}", "C1")));

        var c = Assert.Single(map["a"]);
        Assert.Equal("high", c.Confidence);
        Assert.Equal("value inside block span", c.MatchReason);
    }

    [Fact]
    public void Map_BlockPartlyOverlaps_Medium()
    {
        var map = Map(Blocks(("{\"a\": \"Ac", null), ("me Corp\", ", "C1"), ("\"b\": 1}", null)));

        var c = Assert.Single(map["a"]);
        Assert.Equal("medium", c.Confidence);
        Assert.Equal("block partly overlaps value span", c.MatchReason);
    }

    [Fact]
    public void Map_CitedKeyBeforeValue_LowOnNearestValue()
    {
        var map = Map(Blocks(("{\"name\": \"X\", ", null), ("\"total\": ", "C1"), ("5}", null)));

        var c = Assert.Single(map["total"]);
        Assert.Equal("low", c.Confidence);
        Assert.False(map.ContainsKey("name"));
    }

    [Fact]
    public void Map_CitationFields_AreCopied()
    {
        var source = new Citation { Text = "t", Source = "Doc A", Page = 2, EndPage = 3, StartChar = 4, EndChar = 5, DocumentIndex = 1, Kind = "page_location" };
        var blocks = new List<ResponseTextBlock> { new("{\"a\": ", []), new("1", [source]), new("}", []) };

        var c = Assert.Single(CitationMapper.Map(blocks, JsonDocument.Parse("{\"a\":1}").RootElement)["a"]);

        Assert.Equal(("t", "Doc A", 2, 3, 4, 5, 1, "page_location"), (c.Text, c.Source, c.Page, c.EndPage, c.StartChar, c.EndChar, c.DocumentIndex, c.Kind));
        Assert.Null(source.Confidence);
    }

    [Fact]
    public void Map_ParsedDiffers_ReturnsEmpty()
    {
        var blocks = Blocks(("{\"a\": ", null), ("1", "C1"), ("}", null));

        Assert.Empty(CitationMapper.Map(blocks, JsonDocument.Parse("{\"a\":2}").RootElement));
    }

    [Theory]
    [InlineData("no json at all")]
    [InlineData("{\"a\": ")]
    public void Map_NoJson_ReturnsEmpty(string text)
    {
        var blocks = Blocks((text, "C1"));

        Assert.Empty(CitationMapper.Map(blocks, default));
    }

    [Fact]
    public void Flatten_AllCitationsInOrder()
    {
        var blocks = Blocks(("a", "C1"), ("b", null), ("c", "C2"));

        Assert.Equal(["C1", "C2"], CitationMapper.Flatten(blocks).Select(c => c.Text));
        Assert.Empty(CitationMapper.Flatten(null));
    }

    [Fact]
    public void Map_CitedWhitespaceBeforeValue_LowOnFollowingValue()
    {
        var map = Map(Blocks(("{\"a\": {\"x\": 1, ", null), ("\"y\": ", null), ("   ", "C1"), ("2}, \"b\": 3}", null)));

        Assert.Equal("low", Assert.Single(map["a.y"]).Confidence);
        Assert.Single(map);
    }

    [Fact]
    public void Map_CitedGapAtEndOfObject_LowOnPreviousValueInSameObject()
    {
        var map = Map(Blocks(("{\"o\": {\"x\": 1", null), (" ", "C1"), ("}, \"b\": 2}", null)));

        Assert.Equal("low", Assert.Single(map["o.x"]).Confidence);
        Assert.False(map.ContainsKey("b"));
    }

    [Fact]
    public void Map_ManyItems_EachItemGetsItsOwnCitation()
    {
        var segments = new List<(string, string?)> { ("{\"items\": [", null) };
        for (int i = 0; i < 2000; i++)
        {
            segments.Add(((i == 0 ? "" : ", ") + "{\"n\": \"", null));
            segments.Add(("same", $"C{i}"));
            segments.Add(("\", \"v\": ", null));
            segments.Add(("1", $"V{i}"));
            segments.Add(("}", null));
        }

        segments.Add(("]}", null));

        var map = Map(Blocks([.. segments]));

        Assert.Equal(4000, map.Count);
        Assert.Equal(["C1234"], Labels(map, "items[1234].n"));
        Assert.Equal(["V1999"], Labels(map, "items[1999].v"));
    }
}
