using Batchata.Emulator;

namespace Batchata.IntegrationTests.Engine;

/// <summary>
/// Issue 14: the run's memory budget (<see cref="Batch.SetMaxJobsInFlight"/>). A run larger than the limit submits
/// about that many jobs and the rest as batches end, in honest waves; every job completes once; the display says why
/// the rest wait. A run within the limit is one wave.
/// </summary>
public sealed class JobsInFlightLimitTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunLargerThanTheLimit_NeverMoreInFlight_ThreeWaves_AllCompleteOnce_DisplaySaysWhy()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = Latency);
        var batch = AddJobs(h.NewBatch(maxParallelBatches: 5), 30, "claude-haiku-5-5").SetMaxJobsInFlight(10);
        var lines = new List<string>();

        var run = await h.RunAsync(batch, new SynchronousProgress(p => lines.Add(TextStatusPrinter.StatusLine(p))), TestContext.Current.CancellationToken);

        Assert.Equal(30, run.Results().Completed.Count);
        Assert.Empty(run.Results().Failed);
        var created = h.Emulator.CreatedBatches;
        Assert.Equal(30, created.SelectMany(b => b.CustomIds).Distinct().Count());
        Assert.Equal(30, created.Sum(b => b.RequestCount));
        Assert.Equal(3, EndToEndWaves(created));
        Assert.All(created, b => Assert.True(InFlightAt(created, b.CreatedAt) <= 10, $"{InFlightAt(created, b.CreatedAt)} jobs in flight when {b.Id} was created"));
        Assert.Contains(lines, l => l.Contains("waiting for batches to end (at most 10 jobs in flight)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunWithinTheLimit_OneWave_NothingWaits()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = Latency);
        var batch = AddJobs(h.NewBatch(), 30, "claude-haiku-5-5").SetMaxJobsInFlight(30);
        var lines = new List<string>();

        var run = await h.RunAsync(batch, new SynchronousProgress(p => lines.Add(TextStatusPrinter.StatusLine(p))), TestContext.Current.CancellationToken);

        Assert.Equal(30, run.Results().Completed.Count);
        Assert.Equal(1, EndToEndWaves(h.Emulator.CreatedBatches));
        Assert.DoesNotContain(lines, l => l.Contains("waiting for batches to end", StringComparison.Ordinal));
    }

    [Fact]
    public void SetMaxJobsInFlight_BelowOne_IsRefused_NullMeansNoLimit()
    {
        using var batch = new Batch(Path.Combine(Path.GetTempPath(), "batchata-tests", Guid.NewGuid().ToString("N")));

        Assert.Equal(Batch.DefaultMaxJobsInFlight, batch.MaxJobsInFlight);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.SetMaxJobsInFlight(0));
        Assert.Null(batch.SetMaxJobsInFlight(null).MaxJobsInFlight);
    }

    private static Batch AddJobs(Batch batch, int count, string model)
    {
        batch.SetDefaultParams(maxTokens: 50);
        for (var i = 0; i < count; i++)
        {
            batch.AddJob(prompt: $"Name a colour for item {i + 10}.", id: $"m{i}", model: model);
        }

        return batch;
    }

    /// <summary>The jobs in batches created at or before <paramref name="at"/> that had not ended by then.</summary>
    private static int InFlightAt(IReadOnlyList<EmulatedBatch> batches, DateTimeOffset at)
        => batches.Where(b => b.CreatedAt <= at && (b.EndedAt is not { } end || end > at)).Sum(b => b.RequestCount);

    /// <summary>Latencies paid back to back: a batch created after another ended is one wave later.</summary>
    private static int EndToEndWaves(IReadOnlyList<EmulatedBatch> batches)
    {
        var ran = batches.Where(b => b.RequestCount > 0).OrderBy(b => b.CreatedAt).ToList();
        var depth = new Dictionary<EmulatedBatch, int>();
        foreach (var b in ran)
        {
            depth[b] = 1 + ran.Where(a => depth.ContainsKey(a) && a.EndedAt is { } end && end <= b.CreatedAt).Select(a => depth[a]).DefaultIfEmpty(0).Max();
        }

        return depth.Count == 0 ? 0 : depth.Values.Max();
    }
}
