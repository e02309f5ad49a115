namespace Batchata;

/// <summary>How one provider's part of a catalog refresh went.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Status">refreshed, skipped (no key) or failed.</param>
/// <param name="Message">The model count, why it was skipped, or the error (never the key).</param>
internal sealed record ProviderRefreshOutcome(string Provider, string Status, string Message)
{
    public bool Failed => Status == "failed";

    public bool Refreshed => Status == "refreshed";
}
