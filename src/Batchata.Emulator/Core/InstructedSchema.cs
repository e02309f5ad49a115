using System.Text;
using System.Text.Json;

namespace Batchata.Emulator.Core;

/// <summary>
/// Emulates a model that follows a prompt instruction to answer in JSON: when the last user turn says
/// "JSON schema" and then contains a JSON object, that object is the schema of the answer. This is the path
/// clients use where native structured output cannot be combined with other features (Anthropic citations).
/// </summary>
internal static class InstructedSchema
{
    public static JsonElement? Find(string text)
    {
        var phrase = text.IndexOf("JSON schema", StringComparison.OrdinalIgnoreCase);
        if (phrase < 0)
        {
            return null;
        }

        var start = text.IndexOf('{', phrase);
        if (start < 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text[start..]), new JsonReaderOptions { AllowTrailingCommas = false });
        try
        {
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                using (document)
                {
                    return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
