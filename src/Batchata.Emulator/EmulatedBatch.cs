using Batchata.Emulator.Core;

namespace Batchata.Emulator;

/// <summary>The emulator's record of one batch it created (a live view: status and usage follow the clock).</summary>
public sealed class EmulatedBatch
{
    private readonly BatchCore _core;
    private readonly Func<string> _status;

    internal EmulatedBatch(BatchCore core, Func<string> status)
    {
        _core = core;
        _status = status;
    }

    /// <summary>Gets the provider: <c>anthropic</c>, <c>openai</c> or <c>gemini</c>.</summary>
    public string Provider => _core.Provider;

    /// <summary>Gets the provider's batch id.</summary>
    public string Id => _core.Id;

    /// <summary>Gets the creation time.</summary>
    public DateTimeOffset CreatedAt => _core.CreatedAt;

    /// <summary>Gets the number of requests in the batch.</summary>
    public int RequestCount => _core.Count;

    /// <summary>Gets when the batch ended (completed, cancelled or expired), or null while it runs.</summary>
    public DateTimeOffset? EndedAt => _core.EndedAt(_core.Now);

    /// <summary>Gets the provider's own current status string.</summary>
    public string Status => _status();

    /// <summary>Gets the custom ids (keys) of the requests, in input order.</summary>
    public IReadOnlyList<string> CustomIds => _core.CustomIds;

    /// <summary>Gets a value indicating whether a cancel was requested.</summary>
    public bool CancelRequested => _core.CancelAt is not null;

    /// <summary>Gets the metadata sent at create, if any.</summary>
    public IReadOnlyDictionary<string, string>? Metadata => _core.Metadata;

    /// <summary>Gets the input tokens billed for succeeded requests whose results are visible now.</summary>
    public long InputTokens => _core.BilledUsage().Input;

    /// <summary>Gets the output tokens billed for succeeded requests whose results are visible now.</summary>
    public long OutputTokens => _core.BilledUsage().Output;
}
