namespace Batchata.Tests.Cost;

public sealed class CostCalculatorTests
{
    private static ModelInfo Model(string id) =>
        ModelCatalog.Default.TryGet(id, out var model) ? model : throw new InvalidOperationException(id);

    [Fact]
    public void BatchCost_AnthropicWithCacheAndThinking_HalvesEveryColumn()
    {
        // claude-opus-5-5 batch: in 2, out 10, 5m write 2.5, 1h write 4, read 0.10 (USD/M).
        // 10,000×2 + 2,000×10 (incl. 500 thinking) + 4,000×2.5 + 1,000×4 + 20,000×0.10
        // = 20,000 + 20,000 + 10,000 + 4,000 + 2,000 = 56,000 / 1M = 0.056
        var usage = new TokenUsage(10_000, 2_000, CacheWriteTokens: 4_000, CacheWrite1hTokens: 1_000, CacheReadTokens: 20_000, ReasoningTokens: 500);

        Assert.Equal(0.056m, CostCalculator.BatchCost(Model("claude-opus-5-5"), usage));
    }

    [Fact]
    public void StandardCost_AnthropicWithCacheAndThinking_UsesStandardPrices()
    {
        // claude-opus-5-5 standard: 10,000×4 + 2,000×20 + 4,000×5 + 1,000×8 + 20,000×0.20
        // = 40,000 + 40,000 + 20,000 + 8,000 + 4,000 = 112,000 / 1M = 0.112
        var usage = new TokenUsage(10_000, 2_000, CacheWriteTokens: 4_000, CacheWrite1hTokens: 1_000, CacheReadTokens: 20_000, ReasoningTokens: 500);

        Assert.Equal(0.112m, CostCalculator.StandardCost(Model("claude-opus-5-5"), usage));
    }

    [Fact]
    public void BatchCost_HaikuAbove100kPrompt_AppliesFiveTimesTier()
    {
        // claude-haiku-5-5 batch: in 0.05, out 0.25, read 0.005; prompt 90,000 + 20,000 read = 110,000 > 100K → ×5 everything.
        // 90,000×0.05×5 + 20,000×0.005×5 + 1,000×0.25×5 = 22,500 + 500 + 1,250 = 24,250 / 1M = 0.02425
        var usage = new TokenUsage(90_000, 1_000, CacheReadTokens: 20_000);

        Assert.Equal(0.02425m, CostCalculator.BatchCost(Model("claude-haiku-5-5"), usage));
    }

    [Fact]
    public void BatchCost_HaikuBelowThreshold_UsesBasePrices()
    {
        // 90,000×0.05 + 1,000×0.25 = 4,500 + 250 = 4,750 / 1M = 0.00475
        Assert.Equal(0.00475m, CostCalculator.BatchCost(Model("claude-haiku-5-5"), new TokenUsage(90_000, 1_000)));
    }

    [Fact]
    public void BatchCost_OpenAiAbove272k_DoublesInputAndCacheAndAddsHalfToOutput()
    {
        // gpt-5.4 batch: in 1.25, cached 0.125, out 7.50; prompt 200,000 + 100,000 cached = 300,000 > 272K.
        // 200,000×1.25×2 + 100,000×0.125×2 + 10,000×7.5×1.5 (incl. 8,000 reasoning)
        // = 500,000 + 25,000 + 112,500 = 637,500 / 1M = 0.6375
        var usage = new TokenUsage(200_000, 10_000, CacheReadTokens: 100_000, ReasoningTokens: 8_000);

        Assert.Equal(0.6375m, CostCalculator.BatchCost(Model("gpt-5.4"), usage));
    }

    [Fact]
    public void BatchCost_OpenAiWithCacheWrites_BillsWritesAndReads()
    {
        // gpt-6-luna batch: in 0.05, write 0.0625, cached 0.005, out 0.25; prompt 200,000 ≤ 272K.
        // 100,000×0.05 + 50,000×0.0625 + 50,000×0.005 + 20,000×0.25 = 5,000 + 3,125 + 250 + 5,000 = 13,375 / 1M = 0.013375
        var usage = new TokenUsage(100_000, 20_000, CacheWriteTokens: 50_000, CacheReadTokens: 50_000, ReasoningTokens: 15_000);

        Assert.Equal(0.013375m, CostCalculator.BatchCost(Model("gpt-6-luna"), usage));
    }

    [Fact]
    public void BatchCost_GeminiProAbove200k_AppliesTierAndNormalCacheRate()
    {
        // gemini-2.5-pro batch: in 0.625, out 5, cached at the normal cache rate 0.125; prompt 250,000 > 200K.
        // 150,000×0.625×2 + 100,000×0.125×2 + 4,000×5×1.5 = 187,500 + 25,000 + 30,000 = 242,500 / 1M = 0.2425
        var usage = new TokenUsage(150_000, 4_000, CacheReadTokens: 100_000, ReasoningTokens: 3_000);

        Assert.Equal(0.2425m, CostCalculator.BatchCost(Model("gemini-2.5-pro"), usage));
    }

    [Fact]
    public void BatchCost_GeminiFlashLiteWithCache_UsesNormalCacheRate()
    {
        // gemini-3.5-flash-lite batch: in 0.15, out 1.25, cached 0.03 (not halved).
        // 100,000×0.15 + 200,000×0.03 + 10,000×1.25 = 15,000 + 6,000 + 12,500 = 33,500 / 1M = 0.0335
        var usage = new TokenUsage(100_000, 10_000, CacheReadTokens: 200_000);

        Assert.Equal(0.0335m, CostCalculator.BatchCost(Model("gemini-3.5-flash-lite"), usage));
    }

    [Fact]
    public void WorstCaseBatchCost_BelowThreshold_InputPlusMaxTokens()
    {
        // input with the reservation margin: 50,000×1.2 + 64 = 60,064
        // 60,064×0.05 + 4,000×0.25 = 3,003.2 + 1,000 = 4,003.2 / 1M = 0.0040032
        Assert.Equal(0.0040032m, CostCalculator.WorstCaseBatchCost(Model("claude-haiku-5-5"), 50_000, 4_000));
    }

    [Fact]
    public void WorstCaseBatchCost_AboveThreshold_AppliesTier()
    {
        // input with the margin: 150,000×1.2 + 64 = 180,064 (> 100K tier)
        // 180,064×0.25 + 1,000×1.25 = 45,016 + 1,250 = 46,266 / 1M = 0.046266
        Assert.Equal(0.046266m, CostCalculator.WorstCaseBatchCost(Model("claude-haiku-5-5"), 150_000, 1_000));
    }

    [Fact]
    public void BatchCost_NoTokens_IsZero()
    {
        Assert.Equal(0m, CostCalculator.BatchCost(Model("gpt-6-luna"), default));
    }
}
