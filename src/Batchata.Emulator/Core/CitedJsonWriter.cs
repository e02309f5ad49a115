using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Batchata.Emulator.Core;

/// <summary>
/// Writes a JSON answer as text blocks: punctuation and keys in uncited blocks, and the content of each
/// cited string value (JSON-escaped, without its quotes) in its own cited block.
/// </summary>
internal static class CitedJsonWriter
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<AnswerBlock> Write(JsonNode? node, Dictionary<JsonNode, CitationSpan> cited)
    {
        var blocks = new List<AnswerBlock>();
        var buffer = new StringBuilder();
        Walk(node, cited, blocks, buffer);
        if (buffer.Length > 0)
        {
            blocks.Add(new AnswerBlock(buffer.ToString()));
        }

        return blocks;
    }

    private static void Walk(JsonNode? node, Dictionary<JsonNode, CitationSpan> cited, List<AnswerBlock> blocks, StringBuilder buffer)
    {
        switch (node)
        {
            case JsonObject obj:
                buffer.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    buffer.Append(first ? "" : ",").Append(JsonSerializer.Serialize(key, Options)).Append(':');
                    first = false;
                    Walk(value, cited, blocks, buffer);
                }

                buffer.Append('}');
                break;
            case JsonArray array:
                buffer.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    buffer.Append(i == 0 ? "" : ",");
                    Walk(array[i], cited, blocks, buffer);
                }

                buffer.Append(']');
                break;
            case JsonValue value when cited.TryGetValue(value, out var span):
                buffer.Append('"');
                blocks.Add(new AnswerBlock(buffer.ToString()));
                buffer.Clear();
                var escaped = JsonSerializer.Serialize(span.CitedText, Options);
                blocks.Add(new AnswerBlock(escaped[1..^1], span));
                buffer.Append('"');
                break;
            case null:
                buffer.Append("null");
                break;
            default:
                buffer.Append(node.ToJsonString(Options));
                break;
        }
    }
}
