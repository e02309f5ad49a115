namespace Batchata.Tests.Execution;

/// <summary>One tracker following one batch: its phases, and a stop while it runs.</summary>
public sealed class BatchTrackerTests
{
    private static async Task<(RunContext Run, TrackedBatch Batch, RequestSpool Requests, ResultSink Sink)> PlannedAsync(EngineHarness h)
    {
        h.Store.InsertJobs(new[] { "a", "b" }.Select(id => EngineHarness.Job(id)).ToList());
        var (run, sink) = h.Context(h.Settings(itemsPerBatch: 10));
        run.State.AddStoredGroup("scripted", null, 2);
        run.State.CountStored(JobStatus.Pending);
        run.State.CountStored(JobStatus.Pending);
        var chunk = new BatchPlanner(run).TakeChunk()!;
        var ids = chunk.Jobs.Select(j => j.Id).ToList();
        var row = h.Store.RecordBatchIntent("batchata-test-0000", "scripted", chunk.Model, ids, chunk.ReservedUsd, h.Time.GetUtcNow());
        run.State.MarkRunning(chunk.Jobs, row);
        var batch = new TrackedBatch { Row = row, Tag = "batchata-test-0000", Provider = h.Provider, Model = chunk.Model, JobIds = ids, CreatedAt = h.Time.GetUtcNow(), Phase = BatchPhase.Planned };
        run.State.Track(batch);
        run.Queues.Started(batch);
        await Task.CompletedTask;
        return (run, batch, chunk.Requests, sink);
    }

    [Fact]
    public async Task RunAsync_FollowsTheBatchFromPlannedToCollected()
    {
        TrackedBatch? tracked = null;
        var seen = new List<BatchPhase>();
        using var h = new EngineHarness(new ScriptedProvider { PollsInFlight = 2, OnPoll = (_, _) => seen.Add(tracked!.Phase) });
        var (run, batch, requests, sink) = await PlannedAsync(h);
        tracked = batch;
        using (sink)
        {
            using var stop = StopSignal.Never(h.Time);
            await new BatchTracker(run, stop, batch, requests).RunAsync();

            Assert.Equal([BatchPhase.InFlight, BatchPhase.InFlight, BatchPhase.InFlight], seen);
            Assert.Equal(BatchPhase.Collected, batch.Phase);
            Assert.Equal("sb_1", batch.BatchId);
            var stored = Assert.Single(h.Store.LoadAllBatches());
            Assert.Equal(("sb_1", BatchPhase.Collected), (stored.ProviderBatchId, stored.Phase));
            Assert.All(h.StoredJobs().Values, j => Assert.Equal(JobStatus.Completed, j.Status));
            Assert.Equal(0m, run.State.Status().ReservedUsd);
            Assert.Equal("collected", run.State.Progress(null).Batches.Single().Status);
        }
    }

    [Fact]
    public async Task RunAsync_CallerStopsWhileInFlight_OneCancelThenJobsEndCancelled()
    {
        using var cancel = new CancellationTokenSource();
        TrackedBatch? tracked = null;
        var phaseAfterCancel = BatchPhase.Planned;
        using var h = new EngineHarness(new ScriptedProvider
        {
            PollsInFlight = 100,
            OnPoll = (b, poll) =>
            {
                if (poll == 1)
                {
                    cancel.Cancel();
                }
                else if (poll == 2)
                {
                    phaseAfterCancel = tracked!.Phase;
                }
            },
        });
        var (run, batch, requests, sink) = await PlannedAsync(h);
        tracked = batch;
        using (sink)
        {
            using var stop = new StopSignal(null, h.Time, cancel.Token);
            await new BatchTracker(run, stop, batch, requests).RunAsync();

            Assert.Equal(StopReason.Cancelled, stop.Reason);
            Assert.Equal(BatchPhase.Cancelling, phaseAfterCancel);
            Assert.Equal(["sb_1"], h.Provider.Cancelled);
            Assert.Equal(BatchPhase.Collected, batch.Phase);
            Assert.All(h.StoredJobs().Values, j => Assert.Equal((JobStatus.Cancelled, JobFailureKind.Cancelled), (j.Status, j.FailureKind)));
        }
    }
}
