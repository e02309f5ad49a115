namespace Batchata.Tests.Execution;

/// <summary>Resuming a state file: batches of an earlier run are re-attached or reconciled, never submitted twice.</summary>
public sealed class RunResumerTests
{
    private static readonly string[] Jobs = ["a", "b", "c"];

    private static long RecordEarlierBatch(EngineHarness h, string? providerBatchId)
    {
        h.Store.InsertJobs(Jobs.Select(id => EngineHarness.Job(id)).ToList());
        var row = h.Store.RecordBatchIntent("batchata-earlier-0000", "scripted", EngineHarness.Model, ["a", "b"], 0.002m, h.Time.GetUtcNow());
        if (providerBatchId is not null)
        {
            h.Store.RecordBatchSubmitted(row, providerBatchId);
        }

        return row;
    }

    [Fact]
    public async Task ResumeAsync_BatchInFlight_IsReattachedWithItsJobsAndTheirReservations()
    {
        using var h = new EngineHarness(new ScriptedProvider());
        var row = RecordEarlierBatch(h, "sb_old");
        var (run, sink) = h.Context(h.Settings());
        using (sink)
        {
            var tracked = Assert.Single(await new RunResumer(run).ResumeAsync(EngineHarness.Spooled(Jobs.Select(id => EngineHarness.Job(id)))));

            Assert.Equal((row, "sb_old", BatchPhase.InFlight), (tracked.Row, tracked.BatchId, tracked.Phase));
            Assert.Equal(JobStatus.Running, run.State.Find("a")!.Status);
            Assert.Null(run.State.Find("c")); // pending jobs stay in the store until the planner pages them in
            var status = run.State.Status();
            Assert.Equal((2, 1), (status.Running, status.Pending));
            Assert.True(status.ReservedUsd > 0);
        }
    }

    [Fact]
    public async Task RunAsync_BatchInFlightFromAnEarlierRun_IsCollectedNotResubmitted()
    {
        var provider = new ScriptedProvider();
        provider.AddExisting("sb_old", ["a", "b"]);
        using var h = new EngineHarness(provider);
        RecordEarlierBatch(h, "sb_old");

        var (_, status) = await h.RunAsync(h.Settings(), Jobs.Select(id => EngineHarness.Job(id)));

        Assert.Equal(["c"], Assert.Single(provider.Created).Ids);
        Assert.True(provider["sb_old"].Polls > 0);
        Assert.All(h.StoredJobs().Values, j => Assert.Equal(JobStatus.Completed, j.Status));
        Assert.Equal(3, status.Completed);
    }

    [Fact]
    public async Task RunAsync_InterruptedCreateTheProviderNeverSaw_QueuesItsJobsAgain()
    {
        var provider = new ScriptedProvider { Find = _ => null };
        using var h = new EngineHarness(provider);
        var row = RecordEarlierBatch(h, providerBatchId: null);

        await h.RunAsync(h.Settings(), Jobs.Select(id => EngineHarness.Job(id)));

        Assert.Equal(["a", "b", "c"], provider.Created.SelectMany(s => s.Ids).Order());
        Assert.Equal(BatchPhase.Failed, h.Store.LoadAllBatches().Single(b => b.Row == row).Phase);
        Assert.All(h.StoredJobs().Values, j => Assert.Equal(JobStatus.Completed, j.Status));
    }

    [Fact]
    public async Task RunAsync_InterruptedCreateTheProviderDidMake_IsReattachedNotCreatedAgain()
    {
        var provider = new ScriptedProvider { Find = s => s.Tag == "batchata-earlier-0000" ? "sb_found" : null };
        provider.AddExisting("sb_found", ["a", "b"]);
        using var h = new EngineHarness(provider);
        var row = RecordEarlierBatch(h, providerBatchId: null);

        await h.RunAsync(h.Settings(), Jobs.Select(id => EngineHarness.Job(id)));

        Assert.Equal(["c"], Assert.Single(provider.Created).Ids);
        var batch = h.Store.LoadAllBatches().Single(b => b.Row == row);
        Assert.Equal(("sb_found", BatchPhase.Collected), (batch.ProviderBatchId, batch.Phase));
        Assert.All(h.StoredJobs().Values, j => Assert.Equal(JobStatus.Completed, j.Status));
    }
}
