using System.Text.Json;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.OpenAI;

/// <summary>Validates a batch input file line by line (JSON, method, url, unique custom_id, one model).</summary>
internal static class OpenAIInputValidator
{
    public const int MaxRequests = 50_000;

    /// <summary>The outcome of validation.</summary>
    /// <param name="CustomIds">The custom ids of the valid lines, in order.</param>
    /// <param name="Lines">Where each valid line lies in the content (start, length), in order; nothing parsed is kept.</param>
    /// <param name="Errors">The validation errors; non-empty means the batch fails.</param>
    /// <param name="Model">The one model of the batch.</param>
    public sealed record Result(List<string> CustomIds, (int Start, int Length)[] Lines, List<(string Code, string Message, int? Line)> Errors, string? Model);

    /// <summary>Parses the <c>body</c> of a line that passed validation (the caller disposes the document).</summary>
    public static (JsonDocument Document, JsonElement Body) ParseBody(byte[] content, (int Start, int Length) line)
    {
        var document = JsonDocument.Parse(content.AsMemory(line.Start, line.Length));
        return (document, document.RootElement.GetProperty("body"));
    }

    public static Result Validate(byte[] content, string endpoint)
    {
        var ids = new List<string>();
        var lines = new List<(int, int)>();
        var errors = new List<(string, string, int?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? model = null;
        var lineNumber = 0;
        var span = content.AsMemory();
        var offset = 0;
        while (span.Length > 0)
        {
            var newline = span.Span.IndexOf((byte)'\n');
            var line = newline < 0 ? span : span[..newline];
            var lineStart = offset;
            span = newline < 0 ? Memory<byte>.Empty : span[(newline + 1)..];
            offset += newline < 0 ? line.Length : newline + 1;
            lineNumber++;
            if (line.Span.Trim(" \r\t"u8).IsEmpty)
            {
                continue;
            }

            if (errors.Count >= 100)
            {
                break;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                errors.Add(("invalid_json_line", "This line is not parseable as valid JSON.", lineNumber));
                continue;
            }

            using var parsed = doc;
            var root = doc.RootElement;
            var id = root.GetStringOrNull("custom_id");
            var body = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("body", out var b) ? b : default;
            var lineModel = body.GetStringOrNull("model");
            var problem = root.ValueKind != JsonValueKind.Object ? ("invalid_request", "The request must be a JSON object.")
                : id is null ? ("missing_required_parameter", "Missing required parameter: 'custom_id'.")
                : root.GetStringOrNull("method") != "POST" ? ("invalid_method", "The 'method' parameter must be 'POST'.")
                : root.GetStringOrNull("url") != endpoint ? ("invalid_url", $"The 'url' parameter must be '{endpoint}' to match the batch endpoint.")
                : body.ValueKind != JsonValueKind.Object ? ("missing_required_parameter", "Missing required parameter: 'body'.")
                : !seen.Add(id) ? ("duplicate_custom_id", "The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.")
                : lineModel is null ? ("missing_required_parameter", "Missing required parameter: 'body.model'.")
                : model is not null && model != lineModel ? ("mismatched_model", "The model in this request does not match the model of the other requests; a batch input file must use one model.")
                : ((string, string)?)null;
            if (problem is { } p)
            {
                errors.Add((p.Item1, p.Item2, lineNumber));
                continue;
            }

            model ??= lineModel;
            ids.Add(id!);
            lines.Add((lineStart, line.Length));
        }

        if (errors.Count == 0 && ids.Count == 0)
        {
            errors.Add(("empty_file", "The batch input file is empty.", null));
        }

        if (ids.Count > MaxRequests)
        {
            errors.Add(("too_many_requests", $"The batch input file has more than {MaxRequests} requests.", null));
        }

        return new Result(ids, [.. lines], errors, model);
    }
}
