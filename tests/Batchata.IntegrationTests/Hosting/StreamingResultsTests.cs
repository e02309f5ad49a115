namespace Batchata.IntegrationTests.Hosting;

/// <summary>Issue 17: <c>batch.ResultsAsync</c> yields each job's result as it is written, before the run ends.</summary>
public sealed class StreamingResultsTests
{
    [Fact]
    public async Task ResultsAsync_YieldsResultsBeforeTheRunEnds()
    {
        // A batch of n requests ends after n hours of (fake) emulator time: the 1-job batch ends after 1 h, the 3-job
        // batch after 3 h. The clock is moved by hand, so the run cannot end before 3 h have been advanced.
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EmulatorHarness.StartAsync(o => o.PerRequestLatency = TimeSpan.FromHours(1));
        var time = h.Time!;
        await using var batch = h.NewBatch(itemsPerBatch: 3).SetDefaultParams(model: "claude-haiku-5-5");
        foreach (var id in new[] { "a", "b", "c", "quick" })
        {
            batch.AddJob(prompt: "hello " + id, id: id);
        }

        var results = batch.ResultsAsync(ct).GetAsyncEnumerator(ct);
        var started = time.GetUtcNow();
        var running = batch.RunAsync(cancellationToken: ct);
        var first = results.MoveNextAsync().AsTask();
        while (!first.IsCompleted)
        {
            Assert.True(time.GetUtcNow() - started < TimeSpan.FromHours(2.5), "the 1-job batch should have been collected within 2.5 h of emulator time");
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(first, Task.Delay(10, ct));
        }

        Assert.True(await first);
        Assert.Equal("quick", results.Current.JobId);
        Assert.Equal(JobStatus.Completed, results.Current.Status);
        Assert.False(running.IsCompleted, "the run must still be going: its 3-job batch needs 3 h of emulator time");

        var rest = new List<string>();
        await using (new ClockPump(time, TimeSpan.FromMinutes(1)))
        {
            while (await results.MoveNextAsync())
            {
                rest.Add(results.Current.JobId);
            }

            var run = await running;
            Assert.Equal(4, run.Status().Completed);
        }

        Assert.Equal(["a", "b", "c"], rest.Order());
        await results.DisposeAsync();
    }

    [Fact]
    public async Task ResultsAsync_AfterTheRun_IsEmpty()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await using var batch = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5");
        batch.AddJob(prompt: "hello", id: "a");
        await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var late = new List<JobResult>();
        await foreach (var r in batch.ResultsAsync(TestContext.Current.CancellationToken))
        {
            late.Add(r);
        }

        Assert.Empty(late);
    }
}
