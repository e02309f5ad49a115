using System.Text;
using System.Text.Json.Nodes;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

public sealed class CitationTests
{
    private const string Doc = "The grass is green. The sky is blue.\nWater is wet! Fire is hot?";

    private static object TextDocument(bool citations = true, string title = "Facts") => new
    {
        type = "document",
        source = new { type = "text", media_type = "text/plain", data = Doc },
        title,
        citations = new { enabled = citations },
    };

    private static object Request(string id, object[] content, object? extra = null) => new Dictionary<string, object?>
    {
        ["custom_id"] = id,
        ["params"] = Merge(new Dictionary<string, object?>
        {
            ["model"] = "claude-sonnet-4-6",
            ["max_tokens"] = 1024,
            ["messages"] = new[] { new { role = "user", content } },
        }, extra),
    };

    [Fact]
    public async Task Results_TextDocument_CitationsQuoteRealSpans()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var (_, created) = await CreateAnthropicAsync(http, Request("a", [TextDocument(), new { type = "text", text = "What colors?" }]));

        var content = (await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results")).Single()["result"]!["message"]!["content"]!.AsArray();
        var citations = content.Where(b => b!["citations"] is not null).SelectMany(b => b!["citations"]!.AsArray()).ToList();

        Assert.True(content.Count > 2);
        Assert.NotEmpty(citations);
        Assert.All(citations, c =>
        {
            var start = c!["start_char_index"]!.GetValue<int>();
            var end = c["end_char_index"]!.GetValue<int>();
            Assert.Equal("char_location", c["type"]!.GetValue<string>());
            Assert.Equal(Doc.Substring(start, end - start), c["cited_text"]!.GetValue<string>());
            Assert.Equal(0, c["document_index"]!.GetValue<int>());
            Assert.Equal("Facts", c["document_title"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Results_CitationsWithSchema_JsonAssemblesAndStringValuesAreCited()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var schema = JsonNode.Parse("""{"type":"object","properties":{"color":{"type":"string"},"facts":{"type":"array","items":{"type":"string"}},"n":{"type":"integer"}}}""");
        var extra = new { output_config = new { format = new { type = "json_schema", schema } } };
        var (_, created) = await CreateAnthropicAsync(http, Request("a", [TextDocument(), new { type = "text", text = "Extract." }], extra));

        var content = (await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results")).Single()["result"]!["message"]!["content"]!.AsArray();
        var json = JsonNode.Parse(string.Concat(content.Select(b => b!["text"]!.GetValue<string>())))!;
        var cited = content.Where(b => b!["citations"] is not null).ToList();

        Assert.Equal(3, cited.Count);
        Assert.Equal(cited[0]!["citations"]![0]!["cited_text"]!.GetValue<string>(), json["color"]!.GetValue<string>());
        Assert.Equal(cited[1]!["text"]!.GetValue<string>(), json["facts"]![0]!.GetValue<string>());
        Assert.Contains(json["color"]!.GetValue<string>(), Doc);
    }

    [Fact]
    public async Task Results_MixedCitationFlags_ErrorsRequest()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var (_, created) = await CreateAnthropicAsync(http, Request("a", [TextDocument(), TextDocument(citations: false), new { type = "text", text = "Q" }]));

        var line = (await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results")).Single();

        Assert.Equal("errored", line["result"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_PdfDocument_PageLocationsQuotePageText()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var pdf = Convert.ToBase64String(MinimalPdf.Build("First page text.", "Second page (words)."));
        var document = new { type = "document", source = new { type = "base64", media_type = "application/pdf", data = pdf }, citations = new { enabled = true } };
        var (_, created) = await CreateAnthropicAsync(http, Request("a", [document, new { type = "text", text = "Summarize" }]));

        var content = (await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results")).Single()["result"]!["message"]!["content"]!.AsArray();
        var citations = content.Where(b => b!["citations"] is not null).Select(b => b!["citations"]![0]!).ToList();

        Assert.Equal(2, citations.Count);
        Assert.Equal("page_location", citations[0]["type"]!.GetValue<string>());
        Assert.Equal(1, citations[0]["start_page_number"]!.GetValue<int>());
        Assert.Equal(2, citations[0]["end_page_number"]!.GetValue<int>());
        Assert.Equal("First page text.", citations[0]["cited_text"]!.GetValue<string>());
        Assert.Equal("Second page (words).", citations[1]["cited_text"]!.GetValue<string>());
    }
}
