namespace Batchata.Tests.Execution;

/// <summary>DESIGN §3.1: as few batches as the provider's caps allow, of even size; adaptive polling.</summary>
public sealed class BatchSizingTests
{
    [Theory]
    [InlineData(50, 100_000, 50)]             // a small run: one batch
    [InlineData(100_000, 100_000, 100_000)]   // 100k Claude jobs: one batch
    [InlineData(100_001, 100_000, 50_001)]    // just over the cap: two even batches, not 100,000 + 1
    [InlineData(120_000, 50_000, 40_000)]     // OpenAI: three of 40,000
    [InlineData(1_000_000, 100_000, 100_000)] // beyond the caps: full batches
    [InlineData(1, 50_000, 1)]
    public void AutoSize_FewestEvenBatchesWithinTheCap(int jobs, int cap, int expected)
        => Assert.Equal(expected, BatchPlanner.AutoSize(jobs, cap));

    [Theory]
    [InlineData(50, 100_000, 10, null, 50)]                 // a small run: still one batch
    [InlineData(9_999, 100_000, 10, null, 9_999)]           // under twice the smallest split batch: one batch
    [InlineData(10_000, 100_000, 10, null, 5_000)]          // two of 5,000, side by side
    [InlineData(100_000, 100_000, 10, null, 10_000)]        // 100k Claude jobs: ten of 10,000, all in flight at once
    [InlineData(100_000, 100_000, 1, null, 100_000)]        // one slot: one batch
    [InlineData(1_000_000, 100_000, 10, null, 100_000)]     // no budget: ten full batches
    [InlineData(1_000_000, 100_000, 10, 200_000, 20_000)]   // a budget of 200,000 fills the ten slots: waves of 200,000
    [InlineData(150_000, 100_000, 10, 200_000, 15_000)]     // within the budget: the budget does not shrink batches
    public void AutoSize_LargeRunsSpreadOverTheParallelSlots_WithinTheJobsInFlightBudget(int jobs, int cap, int parallel, int? budget, int expected)
        => Assert.Equal(expected, BatchPlanner.AutoSize(jobs, cap, parallel, budget));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10, 1)]
    [InlineData(100, 5)]
    [InlineData(600, 30)]
    [InlineData(3_600, 60)]
    [InlineData(86_400, 60)]
    public void AdaptivePollInterval_FastAtFirstThenBacksOffToAMinute(double ageSeconds, double expectedSeconds)
        => Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), BatchTracker.AdaptivePollInterval(TimeSpan.FromSeconds(ageSeconds)));

    [Fact]
    public void RequestSpool_ReadsBackEveryLineInOrder_FromDisk()
    {
        using var spool = new RequestSpool();
        var lines = Enumerable.Range(0, 5_000).Select(i => System.Text.Encoding.UTF8.GetBytes($"{{\"custom_id\":\"j{i}\",\"text\":\"{new string('x', i % 300)}\"}}")).ToList();
        lines.Add(new byte[200_000]); // a line larger than a read block
        for (var i = 0; i < lines.Count; i++)
        {
            spool.Add($"j{i}", lines[i]);
        }

        spool.Complete();

        Assert.Equal(lines.Count, spool.Count);
        Assert.Equal(lines.Sum(l => (long)l.Length), spool.TotalBytes);
        Assert.Equal(lines.Sum(l => (long)l.Length + 1), JsonlContent.LengthOf(spool));
        var read = spool.ToList();
        Assert.Equal(lines.Count, read.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal($"j{i}", read[i].CustomId);
            Assert.True(lines[i].AsSpan().SequenceEqual(read[i].Line.Span), $"line {i}");
        }

        Assert.True(lines[1234].AsSpan().SequenceEqual(spool[1234].Line.Span));
        Assert.Equal(lines[^1].Length, spool.LengthOf(lines.Count - 1));
    }
}
