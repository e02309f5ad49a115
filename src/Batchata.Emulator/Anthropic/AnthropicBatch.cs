using System.Text.Json;
using Batchata.Emulator.Core;

namespace Batchata.Emulator.Anthropic;

/// <summary>One Anthropic message batch: the request bodies (kept in their parsed document) and the shared timeline.</summary>
internal sealed class AnthropicBatch(BatchCore core, JsonElement[] parameters, string version)
{
    public BatchCore Core { get; } = core;


    public JsonElement[] Parameters { get; } = parameters;

    public string Version { get; } = version;

    public bool Deleted { get; set; }

    public string Model(int index) =>
        Parameters[index].ValueKind == JsonValueKind.Object && Parameters[index].TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()! : "unknown";

    public string Status(DateTimeOffset now) => Core.Phase(now) == BatchPhase.Running ? (Core.CancelAt is null ? "in_progress" : "canceling") : "ended";
}
