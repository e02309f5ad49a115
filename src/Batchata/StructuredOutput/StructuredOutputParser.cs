using System.Text.Json;

namespace Batchata;

/// <summary>Parses a model's structured answer and validates it against the job's schema. Never throws on bad input.</summary>
internal static class StructuredOutputParser
{
    private const int MaxReportedViolations = 5;

    /// <summary>Extracts the JSON from <paramref name="text"/> (code fence, whole text or first object) and validates it.</summary>
    /// <param name="text">The answer text.</param>
    /// <param name="schema">The JSON schema the answer must match.</param>
    /// <returns>The parse result; <see cref="StructuredParseResult.Value"/> is set whenever JSON was found.</returns>
    public static StructuredParseResult Parse(string? text, JsonElement schema)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return StructuredParseResult.Fail("The answer is empty; expected a JSON object.");
        }

        if (JsonTextLocator.Locate(text) is not { } location)
        {
            return StructuredParseResult.Fail("No complete, valid JSON object found in the answer (it may be truncated, malformed or not JSON).");
        }

        JsonElement value;
        try
        {
            using var doc = JsonDocument.Parse(text.AsMemory(location.Start, location.Length));
            value = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return StructuredParseResult.Fail($"The answer's JSON is invalid: {ex.Message}");
        }

        var violations = new JsonSchemaValidator(schema, MaxReportedViolations).Validate(value);
        if (violations.Count == 0)
        {
            return new StructuredParseResult { Success = true, Value = value };
        }

        return StructuredParseResult.Fail(
            "The answer does not match the schema: " + string.Join("; ", violations), value, violations);
    }
}
