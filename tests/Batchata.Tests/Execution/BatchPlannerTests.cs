namespace Batchata.Tests.Execution;

/// <summary>The planner: batches within the size and byte limits, each job's worst case reserved, refusals gathered.</summary>
public sealed class BatchPlannerTests
{
    private static (RunContext Run, ResultSink Sink) Prepared(EngineHarness h, RunSettings settings, int jobs)
    {
        h.Store.InsertJobs(Enumerable.Range(0, jobs).Select(i => EngineHarness.Job($"j{i:D2}")).ToList());
        var (run, sink) = h.Context(settings);
        run.State.AddStoredGroup("scripted", null, jobs);
        for (var i = 0; i < jobs; i++)
        {
            run.State.CountStored(JobStatus.Pending);
        }

        return (run, sink);
    }

    [Fact]
    public void TakeChunk_AutoSize_FillsEachBatchUpToTheProviderCap()
    {
        using var h = new EngineHarness(new ScriptedProvider(limits: new ProviderLimits(4, 1_000_000)));
        var (run, sink) = Prepared(h, h.Settings(maxParallelBatches: 3), 10);
        using (sink)
        {
            var planner = new BatchPlanner(run);
            var sizes = new List<int>();
            while (planner.TakeChunk() is { } chunk)
            {
                sizes.Add(chunk.Jobs.Count);
            }

            Assert.Equal([4, 4, 2], sizes);
        }
    }

    [Fact]
    public void TakeChunk_ByteLimit_EndsTheBatchBeforeItOverflows()
    {
        // Each line is {"custom_id":"jNN"} (19 bytes + newline); the planner keeps 64 KiB for the envelope.
        using var h = new EngineHarness(new ScriptedProvider(limits: new ProviderLimits(1_000, (64 * 1024) + 50)));
        var (run, sink) = Prepared(h, h.Settings(), 5);
        using (sink)
        {
            var chunk = new BatchPlanner(run).TakeChunk()!;

            Assert.Equal(2, chunk.Jobs.Count);
            Assert.True(chunk.Requests.Sum(r => r.Line.Length + 1) <= 50);
        }
    }

    [Fact]
    public void TakeChunk_ReservesEachJobsWorstCase()
    {
        using var h = new EngineHarness(new ScriptedProvider());
        var (run, sink) = Prepared(h, h.Settings(itemsPerBatch: 3), 3);
        using (sink)
        {
            var chunk = new BatchPlanner(run).TakeChunk()!;

            var worstCase = CostCalculator.WorstCaseBatchCost(chunk.Jobs[0].Model, chunk.Jobs[0].EstimatedInputTokens, chunk.Jobs[0].MaxTokens);
            Assert.All(chunk.Jobs, j => Assert.Equal(worstCase, j.ReservedUsd));
            Assert.Equal(3 * worstCase, chunk.ReservedUsd);
            Assert.Equal(3 * worstCase, run.State.Status().ReservedUsd);
            Assert.All(chunk.Jobs, j => Assert.Null(j.Definition)); // encoded: the definition is let go
        }
    }

    [Fact]
    public void TakeChunk_RequestThatCannotBeBuilt_IsRejectedAndTheOthersPlanned()
    {
        using var h = new EngineHarness(new ScriptedProvider
        {
            Encode = job => job.Id == "j01" ? throw new BatchValidationException("job 'j01': no") : System.Text.Encoding.UTF8.GetBytes("{}"),
        });
        var (run, sink) = Prepared(h, h.Settings(itemsPerBatch: 10), 3);
        using (sink)
        {
            var planner = new BatchPlanner(run);
            var chunk = planner.TakeChunk()!;

            Assert.Equal(["j00", "j02"], chunk.Jobs.Select(j => j.Id));
            var (job, kind, error) = Assert.Single(planner.Rejected);
            Assert.Equal(("j01", JobFailureKind.NotSubmitted), (job.Id, kind));
            Assert.Contains("no", error, StringComparison.Ordinal);
        }
    }
}
