using Batchata.Emulator.Core;

namespace Batchata.Emulator.Gemini;

/// <summary>One Gemini batch job (inline or file input): the shared timeline and what its status and results need (the requests live in the core's compute function until the outcomes are computed).</summary>
internal sealed class GeminiBatch
{
    public required BatchCore Core { get; init; }

    public required string Model { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Gets the input file name for file batches; null for inline batches.</summary>
    public string? InputFile { get; init; }

    public string? ResponsesFile { get; set; }

    public bool Deleted { get; set; }

    public string Name => "batches/" + Core.Id;

    public DateTimeOffset RunningAt => Core.CreatedAt + (Core.Latency / 10);

    public string State(DateTimeOffset now) => Core.Phase(now) switch
    {
        BatchPhase.Completed => "BATCH_STATE_SUCCEEDED",
        BatchPhase.Canceled => "BATCH_STATE_CANCELLED",
        BatchPhase.Expired => "BATCH_STATE_EXPIRED",
        _ => now < RunningAt && Core.CancelAt is null ? "BATCH_STATE_PENDING" : "BATCH_STATE_RUNNING",
    };
}
