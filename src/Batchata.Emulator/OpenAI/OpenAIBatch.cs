using Batchata.Emulator.Core;

namespace Batchata.Emulator.OpenAI;

/// <summary>One OpenAI batch: the shared timeline and what its status and result files need (the input lines are read again from the input file's content by the core's compute function, which is dropped once the outcomes are computed).</summary>
internal sealed class OpenAIBatch
{
    public required BatchCore Core { get; init; }

    public required string Endpoint { get; init; }

    /// <summary>Gets a value indicating whether absent file ids are written as "" (<see cref="FaultOptions.EmptyFileIds"/>).</summary>
    public bool EmptyFileIds { get; init; }

    public required string InputFileId { get; init; }

    public required string CompletionWindow { get; init; }

    public string? Model { get; init; }

    /// <summary>Gets the validation errors; non-empty means the batch fails.</summary>
    public required List<(string Code, string Message, int? Line)> Errors { get; init; }

    /// <summary>Gets the prompt tokens this batch holds against its model's enqueued-token limit (0 when no limit is set).</summary>
    public long EnqueuedTokens { get; init; }

    public string? OutputFileId { get; set; }

    public string? ErrorFileId { get; set; }

    public bool FilesMade { get; set; }

    public bool Failed => Errors.Count > 0;

    public DateTimeOffset ValidatedAt => Core.CreatedAt + (Core.Latency / 10);

    public DateTimeOffset FinalizingAt => Core.NaturalEnd - (Core.Latency / 10);

    public string Status(DateTimeOffset now, bool cancelling = false)
    {
        if (cancelling)
        {
            return "cancelling";
        }

        if (Failed)
        {
            return now < ValidatedAt ? "validating" : "failed";
        }

        return Core.Phase(now) switch
        {
            BatchPhase.Completed => "completed",
            BatchPhase.Canceled => "cancelled",
            BatchPhase.Expired => "expired",
            _ => now < ValidatedAt ? "validating" : now < FinalizingAt ? "in_progress" : "finalizing",
        };
    }
}
