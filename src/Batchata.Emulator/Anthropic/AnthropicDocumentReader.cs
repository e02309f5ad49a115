using System.Text;
using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.Anthropic;

/// <summary>Reads a <c>document</c> block: plain text, base64 PDF, or custom content.</summary>
internal static class AnthropicDocumentReader
{
    public static PromptDocument Read(JsonElement block, int index)
    {
        var title = block.GetStringOrNull("title");
        var citations = block.TryGetProperty("citations", out var c) && c.ValueKind == JsonValueKind.Object
            && c.TryGetProperty("enabled", out var e) && e.ValueKind == JsonValueKind.True;
        var source = block.TryGetProperty("source", out var s) ? s : default;
        switch (source.GetStringOrNull("type"))
        {
            case "text":
                return new PromptDocument { Index = index, Title = title, Text = source.GetStringOrNull("data") ?? "", CitationsEnabled = citations };
            case "base64" when source.GetStringOrNull("media_type") == "application/pdf":
                List<string> pages;
                try
                {
                    pages = PdfText.Pages(Convert.FromBase64String(source.GetStringOrNull("data") ?? ""));
                }
                catch (FormatException)
                {
                    pages = [];
                }

                return new PromptDocument { Index = index, Title = title, IsPdf = true, Pages = pages, Text = string.Join('\n', pages), CitationsEnabled = citations };
            case "content":
                var text = new StringBuilder();
                if (source.TryGetProperty("content", out var content))
                {
                    if (content.ValueKind == JsonValueKind.String)
                    {
                        text.Append(content.GetString());
                    }
                    else if (content.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var part in content.EnumerateArray())
                        {
                            text.Append(part.GetStringOrNull("text")).Append('\n');
                        }
                    }
                }

                return new PromptDocument { Index = index, Title = title, Text = text.ToString(), CitationsEnabled = citations, IsCustomContent = true };
            default:
                return new PromptDocument { Index = index, Title = title, CitationsEnabled = citations, IsCustomContent = true };
        }
    }
}
