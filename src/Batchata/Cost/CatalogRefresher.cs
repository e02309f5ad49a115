namespace Batchata;

/// <summary>
/// Behind <see cref="ModelCatalog.RefreshAsync"/> (and <c>batchata models --refresh</c>): asks the models endpoint of every provider that has an API key (keys, base
/// URLs and auth resolved from each <see cref="ProviderDescriptor"/>, as for runs: options, then environment,
/// then <c>.env</c>) and merges the answers into an override catalog with <see cref="CatalogMerger"/>. A provider
/// without a key is skipped; a failing provider is reported and does not stop the others. Keys never appear in
/// messages.
/// </summary>
internal sealed class CatalogRefresher(EnvironmentSettings env, HttpClient client, TimeProvider timeProvider, RetrySettings? retry = null, AnthropicOptions? anthropic = null)
{
    private readonly AnthropicOptions _anthropic = anthropic ?? new AnthropicOptions();

    /// <summary>Refreshes and merges.</summary>
    /// <param name="baseCatalog">The catalog the override applies to (normally <see cref="ModelCatalog.Default"/>).</param>
    /// <param name="overrides">The current override catalog, if any.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <param name="only">Refresh only this provider (null: all of them).</param>
    /// <returns>Per-provider outcomes, the changes and the merged override.</returns>
    public async Task<CatalogRefreshResult> RefreshAsync(ModelCatalog baseCatalog, ModelCatalog? overrides, CancellationToken cancellationToken, string? only = null)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var outcomes = new List<ProviderRefreshOutcome>();
        var fetched = new List<FetchedModel>();
        foreach (var provider in ProviderDescriptors.All)
        {
            if (only is null || string.Equals(only, provider.Name, StringComparison.OrdinalIgnoreCase))
            {
                await RefreshOneAsync(provider, today, outcomes, fetched, cancellationToken).ConfigureAwait(false);
            }
        }

        var (models, changes) = CatalogMerger.Merge(baseCatalog, overrides, fetched, today);
        var ordered = changes.OrderBy(c => c.Provider, StringComparer.Ordinal).ThenBy(c => c.ModelId, StringComparer.Ordinal).ToList();
        return new CatalogRefreshResult(outcomes, ordered, ModelCatalog.FromModels(models, today));
    }

    private async Task RefreshOneAsync(ProviderDescriptor provider, DateOnly today, List<ProviderRefreshOutcome> outcomes, List<FetchedModel> fetched, CancellationToken cancellationToken)
    {
        var isAnthropic = provider == ProviderDescriptors.Anthropic;
        var key = provider.ApiKey(isAnthropic ? _anthropic.ApiKey : null, env);
        if (key is null)
        {
            outcomes.Add(new ProviderRefreshOutcome(provider.Name, ProviderRefreshStatus.Skipped, $"no API key: set {provider.KeyVariablesText} (environment or .env)"));
            return;
        }

        try
        {
            var baseUrl = provider.BaseUrl(isAnthropic ? _anthropic.BaseUrl : null, env);
            var http = new ProviderHttp(provider.Name, client, timeProvider, retry) { Secrets = new SecretRedactor(key) };
            var models = await FetchAsync(provider, http, baseUrl, Request, today, cancellationToken).ConfigureAwait(false);
            fetched.AddRange(models);
            outcomes.Add(new ProviderRefreshOutcome(provider.Name, ProviderRefreshStatus.Refreshed, $"{models.Count} models"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcomes.Add(new ProviderRefreshOutcome(provider.Name, ProviderRefreshStatus.Failed, ex.Message.Replace(key, "***", StringComparison.Ordinal)));
        }

        HttpRequestMessage Request(Uri url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (isAnthropic)
            {
                provider.Authorize(request, key, _anthropic.UseBearerAuth ? ProviderAuth.Bearer : null, _anthropic.ApiVersion);
            }
            else
            {
                provider.Authorize(request, key);
            }

            return request;
        }
    }

    private static Task<IReadOnlyList<FetchedModel>> FetchAsync(ProviderDescriptor provider, ProviderHttp http, Uri baseUrl, Func<Uri, HttpRequestMessage> request, DateOnly today, CancellationToken cancellationToken)
        => provider.Name switch
        {
            ProviderDescriptors.AnthropicName => AnthropicModelSource.FetchAsync(http, baseUrl, request, cancellationToken),
            ProviderDescriptors.OpenAIName => OpenAIModelSource.FetchAsync(http, baseUrl, request, today, cancellationToken),
            ProviderDescriptors.GeminiName => GeminiModelSource.FetchAsync(http, baseUrl, request, cancellationToken),
            _ => throw new InvalidOperationException($"No model source for provider '{provider.Name}'."),
        };
}
