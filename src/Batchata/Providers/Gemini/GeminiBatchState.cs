using System.Text.Json;

namespace Batchata;

/// <summary>Normalises a Gemini batch Operation (protocols D.4); accepts <c>BATCH_STATE_*</c> and <c>JOB_STATE_*</c>.</summary>
internal static class GeminiBatchState
{
    /// <summary>Parses an Operation.</summary>
    public static ProviderBatchState Parse(JsonElement operation, string batchId)
    {
        var metadata = operation.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var raw = (metadata.ValueKind == JsonValueKind.Object ? GeminiResultParser.Str(metadata, "state") : null)
                  ?? GeminiResultParser.Str(operation, "state")
                  ?? "BATCH_STATE_UNSPECIFIED";
        var state = Normalize(raw);
        var phase = state switch
        {
            "SUCCEEDED" or "CANCELLED" => BatchPhase.Ended,
            "EXPIRED" => BatchPhase.Expired,
            "FAILED" => BatchPhase.Failed,
            _ => BatchPhase.InFlight, // PENDING, RUNNING, UNSPECIFIED
        };
        var terminal = BatchLifecycle.IsTerminalAtProvider(phase);
        var hasOutput = Output(operation) is not null;
        var results = terminal && hasOutput && state is "SUCCEEDED" or "CANCELLED";
        string? failure = null;
        if (state is "FAILED" or "EXPIRED")
        {
            failure = operation.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? GeminiResultParser.Str(error, "message") : null;
            failure ??= state == "EXPIRED" ? "the batch expired (pending or running for more than 48 hours) without results" : "the batch failed (no details given)";
        }
        long total = 0, succeeded = 0, failed = 0;
        if (metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("batchStats", out var stats) && stats.ValueKind == JsonValueKind.Object)
        {
            total = GeminiResultParser.Int(stats, "requestCount");
            succeeded = GeminiResultParser.Int(stats, "successfulRequestCount");
            failed = GeminiResultParser.Int(stats, "failedRequestCount");
        }
        return new ProviderBatchState(
            GeminiResultParser.Str(operation, "name") ?? batchId,
            raw,
            phase,
            results,
            failure,
            (int)total,
            (int)(succeeded + failed),
            (int)failed);
    }

    /// <summary>Strips <c>BATCH_STATE_</c> / <c>JOB_STATE_</c>.</summary>
    public static string Normalize(string state)
        => state.StartsWith("BATCH_STATE_", StringComparison.Ordinal) ? state["BATCH_STATE_".Length..]
            : state.StartsWith("JOB_STATE_", StringComparison.Ordinal) ? state["JOB_STATE_".Length..]
            : state;

    /// <summary>The batch output (<c>response</c>, else <c>metadata.output</c>) when it holds inline responses or a responses file.</summary>
    public static JsonElement? Output(JsonElement operation)
    {
        foreach (var candidate in Candidates(operation))
        {
            if (candidate.ValueKind == JsonValueKind.Object &&
                (candidate.TryGetProperty("inlinedResponses", out _) || candidate.TryGetProperty("responsesFile", out _)))
            {
                return candidate;
            }
        }
        return null;
    }

    private static IEnumerable<JsonElement> Candidates(JsonElement operation)
    {
        if (operation.TryGetProperty("response", out var response))
        {
            yield return response;
        }
        if (operation.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object &&
            metadata.TryGetProperty("output", out var output))
        {
            yield return output;
        }
    }
}
