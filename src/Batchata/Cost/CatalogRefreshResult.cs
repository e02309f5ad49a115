namespace Batchata;

/// <summary>The outcome of a catalog refresh: per-provider status, the changes and the merged override catalog.</summary>
/// <param name="Providers">One outcome per provider, in the order anthropic, openai, gemini.</param>
/// <param name="Changes">What changed, by provider then id.</param>
/// <param name="Overrides">The merged override catalog (write it with <see cref="ModelCatalog.ToJson"/>; load it with <see cref="ModelCatalog.WithOverridesFromFile"/>).</param>
public sealed record CatalogRefreshResult(IReadOnlyList<ProviderRefreshOutcome> Providers, IReadOnlyList<CatalogChange> Changes, ModelCatalog Overrides);
