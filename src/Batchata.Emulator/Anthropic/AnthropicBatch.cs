using Batchata.Emulator.Core;

namespace Batchata.Emulator.Anthropic;

/// <summary>
/// One Anthropic message batch: the shared timeline and each request's model (all that rendering results needs;
/// the request bodies live in the core's compute function until the outcomes are computed).
/// </summary>
internal sealed class AnthropicBatch
{
    private readonly string? _model;
    private readonly string[]? _models;

    /// <summary>Initializes a new instance of the <see cref="AnthropicBatch"/> class.</summary>
    /// <param name="core">The shared timeline and outcomes.</param>
    /// <param name="models">Each request's model (<c>unknown</c> where it had none), in request order.</param>
    public AnthropicBatch(BatchCore core, string[] models)
    {
        Core = core;

        // Nearly every batch uses one model: one string for all its requests, else one shared instance per distinct name.
        if (Array.TrueForAll(models, m => m == models[0]))
        {
            _model = models.Length > 0 ? models[0] : "unknown";
        }
        else
        {
            var distinct = new Dictionary<string, string>(StringComparer.Ordinal);
            _models = Array.ConvertAll(models, m => distinct.TryAdd(m, m) ? m : distinct[m]);
        }
    }

    public BatchCore Core { get; }

    public bool Deleted { get; set; }

    public string Model(int index) => _model ?? _models![index];

    public string Status(DateTimeOffset now) => Core.Phase(now) == BatchPhase.Running ? (Core.CancelAt is null ? "in_progress" : "canceling") : "ended";
}
