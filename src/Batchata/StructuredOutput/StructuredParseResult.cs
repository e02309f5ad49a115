using System.Text.Json;

namespace Batchata;

/// <summary>The outcome of parsing and validating a structured answer.</summary>
internal sealed class StructuredParseResult
{
    /// <summary>Gets whether the text held JSON that matches the schema.</summary>
    public bool Success { get; init; }

    /// <summary>Gets the parsed JSON (set whenever JSON was found, even when it does not match the schema).</summary>
    public JsonElement? Value { get; init; }

    /// <summary>Gets why parsing or validation failed; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the schema violations, each prefixed with its JSON path (empty on success).</summary>
    public IReadOnlyList<string> Violations { get; init; } = [];

    internal static StructuredParseResult Fail(string error, JsonElement? value = null, IReadOnlyList<string>? violations = null) =>
        new() { Success = false, Error = error, Value = value, Violations = violations ?? [] };
}
