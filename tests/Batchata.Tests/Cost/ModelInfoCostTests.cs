namespace Batchata.Tests.Cost;

/// <summary>The public price lookup (batch and real-time) that the CLI's summary uses.</summary>
public sealed class ModelInfoCostTests
{
    private static ModelInfo Haiku => ModelCatalog.Default.TryGet("claude-haiku-5-5", out var m) ? m : throw new InvalidOperationException("catalog");

    [Fact]
    public void StandardAndBatchCost_SplitCachedTokensOutOfTheInput()
    {
        // 10,000 prompt tokens of which 2,000 cache writes and 3,000 cache reads; 1,000 output.
        // Standard: 5,000 x 0.1 + 1,000 x 0.5 + 2,000 x 0.125 + 3,000 x 0.01 per million.
        Assert.Equal(0.00128m, Haiku.StandardCostUsd(10_000, 1_000, cacheWriteTokens: 2_000, cacheReadTokens: 3_000));
        // Batch: 5,000 x 0.05 + 1,000 x 0.25 + 2,000 x 0.0625 + 3,000 x 0.005 per million.
        Assert.Equal(0.00064m, Haiku.BatchCostUsd(10_000, 1_000, cacheWriteTokens: 2_000, cacheReadTokens: 3_000));
    }

    [Fact]
    public void StandardCost_AboveTheLongContextThreshold_UsesTheLongTier()
        => Assert.Equal(200_000m * 0.1m * 5 / 1_000_000m, Haiku.StandardCostUsd(200_000, 0));

    [Fact]
    public void Cost_IsWhatTheEngineCharges()
    {
        var usage = new TokenUsage(700, 300, 100, 0, 200);
        Assert.Equal(CostCalculator.BatchCost(Haiku, usage), Haiku.BatchCostUsd(1_000, 300, 100, 200));
    }

    [Fact]
    public void Cost_NegativeCount_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Haiku.StandardCostUsd(-1, 0));
}
