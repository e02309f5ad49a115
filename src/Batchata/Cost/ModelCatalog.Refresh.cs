namespace Batchata;

public sealed partial class ModelCatalog
{
    /// <summary>The variable (environment or <c>.env</c>) that names the user's catalog override file.</summary>
    public const string OverrideVariable = "BATCHATA_CATALOG";

    /// <summary>
    /// Where the user's catalog override lives, as <c>batchata models --refresh</c> writes it and <c>batchata run</c>
    /// reads it: the file named by <see cref="OverrideVariable"/> (environment or <c>.env</c>), else
    /// <c>~/.batchata/models.json</c>. The file may not exist.
    /// </summary>
    /// <param name="dotEnvPath">The <c>.env</c> file, or null for the working directory's.</param>
    /// <returns>The path of the override file.</returns>
    public static string UserOverridePath(string? dotEnvPath = null)
        => new EnvironmentSettings(dotEnvPath).Get(OverrideVariable)
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".batchata", "models.json");

    /// <summary>
    /// Asks the models endpoint of every provider that has an API key (environment or <c>.env</c>, base URLs too, as
    /// for runs) and merges the answers into <paramref name="overrides"/>: new models (price 0, with a note to add
    /// prices), lifecycle and retirement dates, limits and capabilities. A provider without a key is skipped; a
    /// failing one is reported and does not stop the others. Nothing is written: save
    /// <see cref="CatalogRefreshResult.Overrides"/> with <see cref="ToJson"/> and load it with
    /// <see cref="WithOverridesFromFile"/>. Keys never appear in messages.
    /// </summary>
    /// <param name="overrides">The current override catalog, or null for none.</param>
    /// <param name="provider">Refresh only this provider (<see cref="ProviderInfo.Name"/>), or null for all.</param>
    /// <param name="dotEnvPath">The <c>.env</c> file, or null for the working directory's.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <returns>Per-provider outcomes, the changes against <see cref="Default"/> plus <paramref name="overrides"/>, and the merged override catalog.</returns>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a known provider.</exception>
    public static async Task<CatalogRefreshResult> RefreshAsync(ModelCatalog? overrides = null, string? provider = null, string? dotEnvPath = null, CancellationToken cancellationToken = default)
    {
        if (provider is not null && ProviderInfo.Find(provider) is null)
        {
            throw new ArgumentException($"Unknown provider '{provider}': use one of {string.Join(", ", ProviderInfo.All)}.", nameof(provider));
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var refresher = new CatalogRefresher(new EnvironmentSettings(dotEnvPath), client, TimeProvider.System);
        return await refresher.RefreshAsync(Default, overrides, cancellationToken, provider).ConfigureAwait(false);
    }
}
