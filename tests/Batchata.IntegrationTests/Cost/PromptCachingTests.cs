using Microsoft.Extensions.AI;

namespace Batchata.IntegrationTests.Cost;

/// <summary>Issue 6: a shared prefix marked cacheable is written once and read after, and priced at the cache rates.</summary>
public sealed class PromptCachingTests
{
    [Fact]
    public async Task RunAsync_CachePrefix_SecondJobReadsCacheAndCostUsesCachePrices()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var system = string.Join(' ', Enumerable.Repeat("You are a meticulous analyst of bakery sales ledgers.", 60));
        var batch = h.NewBatch(itemsPerBatch: 10).SetDefaultParams(model: "claude-sonnet-5-5", maxTokens: 100);
        for (var i = 0; i < 3; i++)
        {
            batch.AddJob(messages: [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, $"Question {i}")], id: $"cached-{i}", cachePrefix: true);
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results().Completed;
        Assert.Equal(3, results.Count);
        Assert.Equal(1, results.Count(r => r.CacheWriteTokens > 0));
        Assert.Equal(2, results.Count(r => r.CacheReadTokens > 0));
        var model = ModelCatalog.Default.Resolve("claude-sonnet-5-5", new DateOnly(2026, 11, 29), out _);
        foreach (var r in results)
        {
            var uncached = r.InputTokens - r.CacheWriteTokens - r.CacheReadTokens;
            var expected = ((uncached * model.Pricing.BatchInput) + (r.CacheWriteTokens * model.Pricing.BatchCacheWrite1h)
                + (r.CacheReadTokens * model.Pricing.BatchCacheRead) + (r.OutputTokens * model.Pricing.BatchOutput)) / 1_000_000m;
            Assert.Equal(expected, r.CostUsd);
        }

        Assert.True(results.First(r => r.CacheReadTokens > 0).CostUsd < results.First(r => r.CacheWriteTokens > 0).CostUsd);
    }
}
