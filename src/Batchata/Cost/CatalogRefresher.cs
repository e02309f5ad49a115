namespace Batchata;

/// <summary>
/// <c>batchata models --refresh</c>: asks the models endpoint of every provider that has an API key (keys and
/// base URLs resolved as for runs: environment, then <c>.env</c>) and merges the answers into an override
/// catalog with <see cref="CatalogMerger"/>. A provider without a key is skipped; a failing provider is
/// reported and does not stop the others. Keys never appear in messages.
/// </summary>
internal sealed class CatalogRefresher(EnvironmentSettings env, HttpClient client, TimeProvider timeProvider, RetrySettings? retry = null)
{
    /// <summary>Refreshes and merges.</summary>
    /// <param name="baseCatalog">The catalog the override applies to (normally <see cref="ModelCatalog.Default"/>).</param>
    /// <param name="overrides">The current override catalog, if any.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <param name="only">Refresh only this provider (null: all three).</param>
    /// <returns>Per-provider outcomes, the changes and the merged override.</returns>
    public async Task<CatalogRefreshResult> RefreshAsync(ModelCatalog baseCatalog, ModelCatalog? overrides, CancellationToken cancellationToken, string? only = null)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var outcomes = new List<ProviderRefreshOutcome>();
        var fetched = new List<FetchedModel>();
        bool Wanted(string provider) => only is null || string.Equals(only, provider, StringComparison.OrdinalIgnoreCase);
        if (Wanted("anthropic"))
        {
            await RefreshOneAsync("anthropic", env.Get("ANTHROPIC_API_KEY"), "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "https://api.anthropic.com/",
                (http, url, key) => AnthropicModelSource.FetchAsync(http, url, key, cancellationToken), outcomes, fetched, cancellationToken).ConfigureAwait(false);
        }

        if (Wanted("openai"))
        {
            await RefreshOneAsync("openai", env.Get("OPENAI_API_KEY"), "OPENAI_API_KEY", "OPENAI_BASE_URL", "https://api.openai.com/v1/",
                (http, url, key) => OpenAIModelSource.FetchAsync(http, url, key, today, cancellationToken), outcomes, fetched, cancellationToken).ConfigureAwait(false);
        }

        if (Wanted("gemini"))
        {
            await RefreshOneAsync("gemini", env.Get("GEMINI_API_KEY", "GOOGLE_API_KEY"), "GEMINI_API_KEY or GOOGLE_API_KEY", "GEMINI_BASE_URL", "https://generativelanguage.googleapis.com/",
                (http, url, key) => GeminiModelSource.FetchAsync(http, url, key, cancellationToken), outcomes, fetched, cancellationToken).ConfigureAwait(false);
        }

        var (models, changes) = CatalogMerger.Merge(baseCatalog, overrides, fetched, today);
        var ordered = changes.OrderBy(c => c.Provider, StringComparer.Ordinal).ThenBy(c => c.ModelId, StringComparer.Ordinal).ToList();
        return new CatalogRefreshResult(outcomes, ordered, ModelCatalog.FromModels(models, today));
    }

    private async Task RefreshOneAsync(
        string provider,
        string? key,
        string keyVariable,
        string baseUrlVariable,
        string defaultBaseUrl,
        Func<ProviderHttp, Uri, string, Task<IReadOnlyList<FetchedModel>>> fetch,
        List<ProviderRefreshOutcome> outcomes,
        List<FetchedModel> fetched,
        CancellationToken cancellationToken)
    {
        if (key is null)
        {
            outcomes.Add(new ProviderRefreshOutcome(provider, "skipped", $"no API key: set {keyVariable} (environment or .env)"));
            return;
        }

        try
        {
            var baseUrl = ProviderRegistry.Uri(env.Get(baseUrlVariable), defaultBaseUrl);
            var models = await fetch(new ProviderHttp(provider, client, timeProvider, retry), baseUrl, key).ConfigureAwait(false);
            fetched.AddRange(models);
            outcomes.Add(new ProviderRefreshOutcome(provider, "refreshed", $"{models.Count} models"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcomes.Add(new ProviderRefreshOutcome(provider, "failed", ex.Message.Replace(key, "***", StringComparison.Ordinal)));
        }
    }
}
