using System.Text.Json;

namespace Batchata;

/// <summary>Normalises an OpenAI batch object (protocols C.5).</summary>
internal static class OpenAIBatchState
{
    /// <summary>Parses a batch object.</summary>
    public static ProviderBatchState Parse(JsonElement batch, string batchId)
    {
        var status = Str(batch, "status") ?? "unknown";
        var phase = status switch
        {
            "completed" or "cancelled" => BatchPhase.Ended,
            "expired" => BatchPhase.Expired,
            "failed" => BatchPhase.Failed,
            "cancelling" => BatchPhase.Cancelling,
            _ => BatchPhase.InFlight, // validating, in_progress, finalizing
        };
        var results = status is "completed" or "expired" or "cancelled";
        int total = 0, completed = 0, failed = 0;
        if (batch.TryGetProperty("request_counts", out var counts) && counts.ValueKind == JsonValueKind.Object)
        {
            total = Int(counts, "total");
            completed = Int(counts, "completed");
            failed = Int(counts, "failed");
        }
        return new ProviderBatchState(
            Str(batch, "id") ?? batchId,
            status,
            phase,
            results,
            status == "failed" ? FailureMessage(batch) : null,
            total,
            completed + failed,
            failed);
    }

    /// <summary>Joins <c>errors.data</c> as <c>code: message (line N)</c>.</summary>
    private static string FailureMessage(JsonElement batch)
    {
        var parts = new List<string>();
        if (batch.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object &&
            errors.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in data.EnumerateArray())
            {
                var text = $"{Str(error, "code") ?? "error"}: {Str(error, "message") ?? "no details"}";
                if (error.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number)
                {
                    text += $" (line {line.GetInt64()})";
                }
                parts.Add(text);
            }
        }
        return parts.Count == 0 ? "the batch failed validation (no details given)" : string.Join("; ", parts);
    }

    /// <summary>Reads a string property, or null.</summary>
    public static string? Str(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
}
