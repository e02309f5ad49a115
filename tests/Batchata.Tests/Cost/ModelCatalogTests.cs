namespace Batchata.Tests.Cost;

public sealed class ModelCatalogTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static ModelCatalog Catalog => ModelCatalog.Default;

    [Fact]
    public void Default_Loads_HasAllProvidersAndHeader()
    {
        Assert.Equal(1, Catalog.SchemaVersion);
        Assert.Equal(Today, Catalog.CatalogDate);
        Assert.Contains(Catalog.Models, m => m.Provider == "anthropic");
        Assert.Contains(Catalog.Models, m => m.Provider == "openai");
        Assert.Contains(Catalog.Models, m => m.Provider == "gemini");
    }

    [Fact]
    public void Default_EveryModel_HasKnownProvider()
    {
        Assert.All(Catalog.Models, m => Assert.Contains(m.Provider, new[] { "anthropic", "openai", "gemini" }));
    }

    [Fact]
    public void Default_CallableModels_HavePositivePricesAndLimits()
    {
        var callable = Catalog.Models.Where(m => m.Lifecycle != ModelLifecycle.Retired
            && !(m.RetiresOn <= Today)
            && !(m.Notes ?? string.Empty).Contains("price not published", StringComparison.Ordinal));
        Assert.All(callable, m =>
        {
            Assert.True(m.Pricing.Input > 0 && m.Pricing.Output > 0, m.Id);
            Assert.True(m.Pricing.BatchInput > 0 && m.Pricing.BatchOutput > 0, m.Id);
            Assert.True(m.ContextWindow > 0 && m.MaxOutputTokens > 0, m.Id);
        });
    }

    [Fact]
    public void Default_BatchPrices_AreAtMostStandard()
    {
        Assert.All(Catalog.Models, m =>
        {
            var p = m.Pricing;
            Assert.True(p.BatchInput <= p.Input && p.BatchOutput <= p.Output, m.Id);
            Assert.True(p.BatchCacheRead <= p.CacheRead && p.BatchCacheWrite <= p.CacheWrite && p.BatchCacheWrite1h <= p.CacheWrite1h, m.Id);
        });
    }

    [Fact]
    public void Default_IdsAndAliases_AreUnique()
    {
        var names = Catalog.Models.SelectMany(m => m.Aliases.Prepend(m.Id)).Select(n => n.ToLowerInvariant()).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Default_EveryReplacement_ResolvesToUsableModel()
    {
        Assert.All(Catalog.Models.Where(m => m.Replacement is not null), m =>
        {
            Assert.True(Catalog.TryGet(m.Replacement!, out var replacement), $"{m.Id} -> {m.Replacement}");
            Assert.NotEqual(ModelLifecycle.Retired, replacement.Lifecycle);
            Assert.False(replacement.RetiresOn <= Today, $"{m.Id} -> {m.Replacement}");
        });
    }

    [Fact]
    public void Default_AnthropicTemperature_OnlyForOlderModels()
    {
        Assert.True(Catalog.TryGet("claude-sonnet-4-6", out var old));
        Assert.True(Catalog.TryGet("claude-haiku-5-5", out var newer));

        Assert.True(old.Capabilities.Temperature);
        Assert.False(newer.Capabilities.Temperature);
        Assert.True(newer.Capabilities.Citations);
    }

    [Fact]
    public void TryGet_AliasAnyCase_ReturnsCanonicalModel()
    {
        Assert.True(Catalog.TryGet("CLAUDE-Haiku-4-5", out var haiku));
        Assert.True(Catalog.TryGet("gpt-5.5", out var gpt));

        Assert.Equal("claude-haiku-4-5-20251001", haiku.Id);
        Assert.Equal("gpt-5.5-2026-04-23", gpt.Id);
    }

    [Fact]
    public void Resolve_Unknown_ThrowsWithSuggestions()
    {
        // A BatchValidationException now (was ProviderNotFoundException): an unknown model is bad input like a retired one.
        var ex = Assert.Throws<BatchValidationException>(() => Catalog.Resolve("claude-sonet-5-5", Today, out _));

        Assert.Contains("claude-sonnet-5-5", Catalog.Suggest("claude-sonet-5-5"));
        Assert.Contains("Did you mean: claude-sonnet-5-5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Retired_ThrowsNamingDateAndReplacement()
    {
        var ex = Assert.Throws<BatchValidationException>(() => Catalog.Resolve("claude-sonnet-4-20250514", Today, out _));

        Assert.Equal("Model 'claude-sonnet-4-20250514' was retired on 2026-06-15; use 'claude-sonnet-5-5' instead.", ex.Message);
    }

    [Fact]
    public void Resolve_RetiredAlias_Throws()
    {
        var ex = Assert.Throws<BatchValidationException>(() => Catalog.Resolve("o4-mini", Today, out _));

        Assert.Contains("gpt-6.1-terra", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Deprecated_ReturnsWithDatedWarning()
    {
        var model = Catalog.Resolve("claude-sonnet-4-5", Today, out var warning);

        Assert.Equal("claude-sonnet-4-5-20250929", model.Id);
        Assert.Equal("Model 'claude-sonnet-4-5' is deprecated and retires on 2026-11-30; use 'claude-sonnet-5-5'.", warning);
    }

    [Fact]
    public void Resolve_DeprecatedPastRetirementDate_Throws()
    {
        var ex = Assert.Throws<BatchValidationException>(() => Catalog.Resolve("claude-sonnet-4-5", new DateOnly(2026, 11, 30), out _));

        Assert.Contains("2026-11-30", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Preview_ReturnsWithWarning()
    {
        Catalog.Resolve("gemini-3-flash-preview", Today, out var warning);

        Assert.NotNull(warning);
        Assert.Contains("preview", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Active_HasNoWarning()
    {
        var model = Catalog.Resolve("gpt-6-luna", Today, out var warning);

        Assert.Equal("openai", model.Provider);
        Assert.Null(warning);
    }

    [Fact]
    public void Suggest_Prefix_ReturnsCloseIds()
    {
        var suggestions = Catalog.Suggest("gemini-3.8-flsh");

        Assert.Contains("gemini-3.8-flash", suggestions);
        Assert.True(suggestions.Count <= 3);
    }

    [Fact]
    public void WithOverrides_AddsAndReplacesById()
    {
        const string json = """
            {"schema_version":1,"models":[
              {"id":"my-model","provider":"openai","lifecycle":"active","pricing":{"input":1,"output":2,"batch_input":0.5,"batch_output":1}},
              {"id":"claude-haiku-5-5","provider":"anthropic","lifecycle":"active","pricing":{"input":9,"output":9,"batch_input":9,"batch_output":9}}
            ]}
            """;

        var merged = Catalog.WithOverrides(ModelCatalog.FromJson(json));

        Assert.True(merged.TryGet("my-model", out var added));
        Assert.Equal(0.5m, added.Pricing.BatchInput);
        Assert.True(merged.TryGet("claude-haiku-5-5", out var replaced));
        Assert.Equal(9m, replaced.Pricing.Input);
        Assert.Equal(Catalog.Models.Count + 1, merged.Models.Count);
        Assert.True(Catalog.TryGet("claude-haiku-5-5", out var original));
        Assert.Equal(0.10m, original.Pricing.Input);
    }

    [Fact]
    public void WithOverridesFromFile_ReadsFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"batchata-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"models":[{"id":"local-llm","provider":"openai","aliases":["local"],"lifecycle":"preview"}]}""");
        try
        {
            var merged = Catalog.WithOverridesFromFile(path);

            Assert.True(merged.TryGet("LOCAL", out var model));
            Assert.Equal(ModelLifecycle.Preview, model.Lifecycle);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WithOverridesFromFile_Missing_Throws()
    {
        Assert.Throws<BatchValidationException>(() => Catalog.WithOverridesFromFile("/nonexistent/batchata-models.json"));
    }

    [Fact]
    public void ToJson_RoundTrips()
    {
        var copy = ModelCatalog.FromJson(Catalog.ToJson());

        Assert.Equal(Catalog.Models.Count, copy.Models.Count);
        Assert.True(copy.TryGet("claude-sonnet-4-0", out var retired));
        Assert.Equal(ModelLifecycle.Retired, retired.Lifecycle);
        Assert.Equal(new DateOnly(2026, 6, 15), retired.RetiresOn);
        Assert.Equal(2m, copy.Models.Single(m => m.Id == "gpt-5.4").Pricing.LongContextInputMultiplier);
    }

    [Fact]
    public void FromJson_Invalid_Throws()
    {
        Assert.Throws<BatchValidationException>(() => ModelCatalog.FromJson("{ not json"));
        Assert.Throws<BatchValidationException>(() => ModelCatalog.FromJson("""{"models":[{"id":"x"}]}"""));
    }
}
