namespace Batchata;

/// <summary>How one provider's part of a catalog refresh went.</summary>
/// <param name="Provider">The provider (<see cref="ProviderInfo.Name"/>).</param>
/// <param name="Status">Refreshed, skipped (no key) or failed.</param>
/// <param name="Message">The model count, why it was skipped, or the error (never the key).</param>
public sealed record ProviderRefreshOutcome(string Provider, ProviderRefreshStatus Status, string Message);

/// <summary>The outcome of one provider's part of a catalog refresh.</summary>
public enum ProviderRefreshStatus
{
    /// <summary>The provider's models were read and merged.</summary>
    Refreshed,

    /// <summary>The provider has no API key; nothing was asked.</summary>
    Skipped,

    /// <summary>The provider's models endpoint failed; the message says how.</summary>
    Failed,
}
