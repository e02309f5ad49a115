using System.Text.Json;

namespace Batchata;

/// <summary>Reads Anthropic citations (char, page and content-block locations) into <see cref="Citation"/>s.</summary>
internal static class CitationParser
{
    /// <summary>Converts one element of a text block's <c>citations</c> array.</summary>
    /// <param name="citation">The citation object (<c>type</c>, <c>cited_text</c>, <c>document_index</c>, <c>document_title</c>, location fields).</param>
    /// <returns>The citation. content_block_location indexes go to StartChar/EndChar with Kind set accordingly.</returns>
    public static Citation FromAnthropic(JsonElement citation)
    {
        string? kind = GetString(citation, "type");
        bool page = kind == "page_location";
        bool chars = kind == "char_location";
        bool blocks = kind == "content_block_location";
        return new Citation
        {
            Text = GetString(citation, "cited_text") ?? string.Empty,
            Source = GetString(citation, "document_title") ?? "Document",
            DocumentIndex = GetInt(citation, "document_index") ?? 0,
            Kind = kind,
            Page = page ? GetInt(citation, "start_page_number") : null,
            EndPage = page ? GetInt(citation, "end_page_number") : null,
            StartChar = chars ? GetInt(citation, "start_char_index") : blocks ? GetInt(citation, "start_block_index") : null,
            EndChar = chars ? GetInt(citation, "end_char_index") : blocks ? GetInt(citation, "end_block_index") : null,
        };
    }

    /// <summary>Reads the text blocks of an Anthropic message's <c>content</c> array, with their citations; other block types are skipped.</summary>
    /// <param name="content">The <c>content</c> array.</param>
    /// <returns>The text blocks in order.</returns>
    public static IReadOnlyList<ResponseTextBlock> ReadTextBlocks(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var blocks = new List<ResponseTextBlock>();
        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind != JsonValueKind.Object || GetString(block, "type") != "text")
            {
                continue;
            }

            var citations = block.TryGetProperty("citations", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object).Select(FromAnthropic).ToList()
                : [];
            blocks.Add(new ResponseTextBlock(GetString(block, "text") ?? string.Empty, citations));
        }

        return blocks;
    }

    private static string? GetString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? GetInt(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : null;
}
