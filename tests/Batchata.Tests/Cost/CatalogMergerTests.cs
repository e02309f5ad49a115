namespace Batchata.Tests.Cost;

public sealed class CatalogMergerTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static FetchedModel Anthropic(string id, ModelLifecycle? lifecycle = ModelLifecycle.Active) => new() { Id = id, Provider = "anthropic", Lifecycle = lifecycle };

    [Fact]
    public void Merge_SameAsCatalog_NoChangesNoOverrides()
    {
        var (overrides, changes) = CatalogMerger.Merge(ModelCatalog.Default, null, [Anthropic("claude-haiku-5-5") with { ContextWindow = 1_000_000, MaxOutputTokens = 128_000 }], Today);

        Assert.Empty(overrides);
        Assert.Empty(changes);
    }

    [Fact]
    public void Merge_ActiveDoesNotDowngradeLegacy_AliasesAreSkipped()
    {
        var (overrides, changes) = CatalogMerger.Merge(ModelCatalog.Default, null, [Anthropic("claude-opus-4-8"), Anthropic("claude-haiku-4-5", ModelLifecycle.Retired)], Today);

        Assert.Empty(overrides);
        Assert.Empty(changes);
    }

    [Fact]
    public void Merge_Retired_KeepsPricesAndReportsRetired()
    {
        var (overrides, changes) = CatalogMerger.Merge(ModelCatalog.Default, null, [Anthropic("claude-sonnet-4-5-20250929", ModelLifecycle.Retired)], Today);

        var change = Assert.Single(changes);
        Assert.Equal(CatalogChangeKind.Retired, change.Kind);
        var model = Assert.Single(overrides);
        Assert.Equal(ModelLifecycle.Retired, model.Lifecycle);
        ModelCatalog.Default.TryGet("claude-sonnet-4-5-20250929", out var original);
        Assert.Equal(original.Pricing.BatchOutput, model.Pricing.BatchOutput);
        Assert.Equal(original.Aliases, model.Aliases);
    }

    [Fact]
    public void Merge_OpenAIShutdownDate_DeprecatesAndNewIdIsReasoning()
    {
        var fetched = new[]
        {
            new FetchedModel { Id = "gpt-6-luna", Provider = "openai", Lifecycle = ModelLifecycle.Deprecated, RetiresOn = new DateOnly(2027, 6, 1) },
            new FetchedModel { Id = "gpt-7-nova", Provider = "openai" },
        };

        var (overrides, changes) = CatalogMerger.Merge(ModelCatalog.Default, null, fetched, Today);

        Assert.Equal([CatalogChangeKind.Deprecated, CatalogChangeKind.New], changes.Select(c => c.Kind));
        var nova = overrides.Single(m => m.Id == "gpt-7-nova");
        Assert.True(nova.Capabilities.Reasoning);
        Assert.Equal(0m, nova.Pricing.BatchInput);
        Assert.Contains(CatalogMerger.PriceUnknown, nova.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_LimitsChange_UpdatesExistingOverrideInPlace()
    {
        var existing = ModelCatalog.FromJson("""{"schema_version":1,"models":[{"id":"gemini-3.8-flash","provider":"gemini","lifecycle":"active","pricing":{"input":9},"context_window":1048576,"max_output_tokens":65536},{"id":"my-model","provider":"gemini"}]}""");
        var fetched = new FetchedModel { Id = "gemini-3.8-flash", Provider = "gemini", ContextWindow = 2_097_152, MaxOutputTokens = 65_536 };

        var (overrides, changes) = CatalogMerger.Merge(ModelCatalog.Default, existing, [fetched], Today);

        Assert.Equal(CatalogChangeKind.Limits, Assert.Single(changes).Kind);
        Assert.Equal(["gemini-3.8-flash", "my-model"], overrides.Select(m => m.Id));
        Assert.Equal(2_097_152, overrides[0].ContextWindow);
        Assert.Equal(9m, overrides[0].Pricing.Input);
    }

    [Fact]
    public void OpenAISource_KeepsOnlyTextModels()
    {
        Assert.True(OpenAIModelSource.IsText("gpt-6.2-sol"));
        Assert.True(OpenAIModelSource.IsText("o4-mini"));
        Assert.False(OpenAIModelSource.IsText("text-embedding-3-large"));
        Assert.False(OpenAIModelSource.IsText("gpt-image-1"));
        Assert.False(OpenAIModelSource.IsText("gpt-4o-realtime-preview"));
    }
}
