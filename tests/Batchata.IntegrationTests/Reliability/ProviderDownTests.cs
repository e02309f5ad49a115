using Batchata.Emulator;

namespace Batchata.IntegrationTests.Reliability;

/// <summary>Issue 7, must-show 3: a provider down longer than the retry budget fails the jobs with the cause, and the batch stays recorded for a later run.</summary>
public sealed class ProviderDownTests
{
    [Fact]
    public async Task RunAsync_ProviderDownWhilePolling_JobsFailWithCauseBatchStaysRecordedAndResumes()
    {
        EmulatorOptions? options = null;
        await using var h = await EmulatorHarness.StartAsync(o =>
        {
            o.ProcessingLatency = TimeSpan.FromMinutes(10);
            options = o;
        });
        Batch NewBatch()
        {
            var batch = h.NewBatch(itemsPerBatch: 10).SetDefaultParams(model: "claude-haiku-5-5");
            for (var i = 0; i < 4; i++)
            {
                batch.AddJob(prompt: $"Down {i}", id: $"d{i}");
            }

            return batch;
        }

        // The provider goes down as soon as the batch is created.
        var progress = new SynchronousProgress(p =>
        {
            if (p.Batches.Any(b => b.BatchId is not null))
            {
                options!.Faults.TransientFailureRate = 1.0;
            }
        });
        var first = await h.RunAsync(NewBatch(), progress, TestContext.Current.CancellationToken);

        var failed = first.Results().Failed;
        Assert.Equal(4, failed.Count);
        Assert.All(failed, r =>
        {
            Assert.Equal(JobFailureKind.ProviderError, r.FailureKind);
            Assert.Contains("could not be polled", r.Error);
            Assert.Contains("run again", r.Error);
        });
        using (var store = RunStore.Open(first.StateFile, TimeProvider.System))
        {
            var open = Assert.Single(store.LoadOpenBatches());
            Assert.Equal(h.Emulator.CreatedBatches[0].Id, open.ProviderBatchId);
        }

        // The provider is back: the same program collects the recorded batch without creating another.
        options!.Faults.TransientFailureRate = 0;
        var second = await h.RunAsync(NewBatch(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, second.Results().Completed.Count);
        Assert.Single(h.Emulator.CreatedBatches);
    }
}
