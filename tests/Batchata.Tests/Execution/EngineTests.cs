namespace Batchata.Tests.Execution;

/// <summary>
/// The engine (resume, plan, reserve, submit, poll, collect, settle) against a <see cref="ScriptedProvider"/> on a
/// fake clock that only the tests move: no socket, no real-time wait.
/// </summary>
public sealed class EngineTests
{
    private static readonly string[] Seven = ["a", "b", "c", "d", "e", "f", "g"];

    [Fact]
    public async Task RunAsync_SevenJobsThreePerBatch_ThreeBatchesAndEveryJobCompletedOnce()
    {
        using var h = new EngineHarness(new ScriptedProvider());

        var (stop, status) = await h.RunAsync(h.Settings(itemsPerBatch: 3), Seven.Select(id => EngineHarness.Job(id)));

        Assert.Equal(StopReason.None, stop);
        Assert.Equal([1, 3, 3], h.Provider.Created.Select(s => s.Ids.Count).Order()); // the batches run in parallel, so they are created in any order
        Assert.Equal(Seven, h.Provider.Created.SelectMany(s => s.Ids).Order());
        Assert.Equal((7, 7, 0), (status.Total, status.Completed, status.Failed));
        Assert.Equal((3, 3), (status.BatchesTotal, status.BatchesDone));
        Assert.All(h.StoredJobs().Values, j => Assert.Equal(JobStatus.Completed, j.Status));
        Assert.All(h.Store.LoadAllBatches(), b => Assert.Equal(BatchPhase.Collected, b.Phase));
        Assert.Equal(0m, status.ReservedUsd);
    }

    [Fact]
    public async Task RunAsync_ProviderRequestLimit_CapsEveryBatch()
    {
        using var h = new EngineHarness(new ScriptedProvider(limits: new ProviderLimits(2, 1_000_000)));

        await h.RunAsync(h.Settings(maxParallelBatches: 1), Seven.Select(id => EngineHarness.Job(id)));

        Assert.Equal([2, 2, 2, 1], h.Provider.Created.Select(s => s.Ids.Count));
    }

    [Fact]
    public async Task RunAsync_CostLimit_ReservesWorstCasesAndNeverSubmitsWhatDoesNotFit()
    {
        // Worst case per job: (64 margin tokens + 1,000 max tokens) at $1/MTok = $0.001064; four fit under $0.0045.
        using var h = new EngineHarness(new ScriptedProvider());

        var (_, status) = await h.RunAsync(h.Settings(itemsPerBatch: 10, costLimit: 0.0045m), Seven.Take(6).Select(id => EngineHarness.Job(id)));

        var submitted = Assert.Single(h.Provider.Created);
        Assert.Equal(["a", "b", "c", "d"], submitted.Ids);
        var jobs = h.StoredJobs();
        Assert.All(["e", "f"], id => Assert.Equal((JobStatus.Failed, JobFailureKind.CostLimitExceeded), (jobs[id].Status, jobs[id].FailureKind)));
        Assert.Equal((4, 2), (status.Completed, status.Failed));
        Assert.Equal(0m, status.ReservedUsd);
        Assert.Equal(4 * 15 / 1_000_000m, status.CostUsd);
    }

    [Fact]
    public async Task RunAsync_RetryableError_RequeuesTheJobIntoALaterBatch()
    {
        using var h = new EngineHarness(new ScriptedProvider
        {
            Answer = (id, attempt) => id == "b" && attempt == 1 ? ScriptedProvider.RetryableError(id) : ScriptedProvider.Succeeded(id),
        });

        var (_, status) = await h.RunAsync(h.Settings(maxParallelBatches: 1), new[] { "a", "b", "c" }.Select(id => EngineHarness.Job(id)));

        Assert.Equal([["a", "b", "c"], ["b"]], h.Provider.Created.Select(s => s.Ids.ToArray()));
        var jobs = h.StoredJobs();
        Assert.All(jobs.Values, j => Assert.Equal(JobStatus.Completed, j.Status));
        Assert.True(jobs["b"].Attempts > jobs["a"].Attempts);
        Assert.Equal(3, status.Completed);
    }

    [Fact]
    public async Task RunAsync_RetryableErrorEveryTime_FailsAfterMaxAttempts()
    {
        using var h = new EngineHarness(new ScriptedProvider { Answer = (id, _) => ScriptedProvider.RetryableError(id) });

        var (_, status) = await h.RunAsync(h.Settings(maxAttempts: 2), [EngineHarness.Job("a")]);

        Assert.Equal(2, h.Provider.Created.Count);
        Assert.Equal(JobStatus.Failed, h.StoredJobs()["a"].Status);
        Assert.Equal(1, status.Failed);
    }

    [Fact]
    public async Task RunAsync_CreateRefused_JobsEndNotSubmittedAndTheBatchIsFailed()
    {
        using var h = new EngineHarness(new ScriptedProvider
        {
            CreateFailure = _ => new ProviderException("scripted", 400, "invalid_request_error", "bad batch", isTransient: false),
        });

        var (_, status) = await h.RunAsync(h.Settings(), new[] { "a", "b" }.Select(id => EngineHarness.Job(id)));

        Assert.All(h.StoredJobs().Values, j => Assert.Equal((JobStatus.Failed, JobFailureKind.NotSubmitted), (j.Status, j.FailureKind)));
        Assert.All(h.Store.LoadAllBatches(), b => Assert.Equal(BatchPhase.Failed, b.Phase));
        Assert.Empty(h.Store.LoadOpenBatches());
        Assert.Equal((2, 0m), (status.Failed, status.ReservedUsd));
    }

    [Fact]
    public async Task RunAsync_TimeLimitPassesDuringAPoll_CancelsKeepsPartialResultsAndEndsTheRest()
    {
        ScriptedProvider provider = null!;
        EngineHarness h = null!;
        provider = new ScriptedProvider
        {
            AnsweredAfterCancel = 1,
            PollsInFlight = 100,
            OnPoll = (_, poll) =>
            {
                if (poll == 1)
                {
                    h.Time.Advance(TimeSpan.FromHours(2)); // the one-hour limit passes while the first batch runs
                }
            },
        };
        using (h = new EngineHarness(provider))
        {
            var (stop, status) = await h.RunAsync(h.Settings(maxParallelBatches: 1, itemsPerBatch: 2, timeLimit: TimeSpan.FromHours(1)), new[] { "a", "b", "c", "d" }.Select(id => EngineHarness.Job(id)));

            Assert.Equal(StopReason.TimeLimit, stop);
            var batch = Assert.Single(provider.Created);
            Assert.Equal(["a", "b"], batch.Ids);
            Assert.Single(provider.Cancelled);
            var jobs = h.StoredJobs();
            Assert.Equal(JobStatus.Completed, jobs["a"].Status);
            Assert.All(["b", "c", "d"], id => Assert.Equal((JobStatus.Failed, JobFailureKind.TimeLimitExceeded), (jobs[id].Status, jobs[id].FailureKind)));
            Assert.Equal((1, 3), (status.Completed, status.Failed));
            Assert.Equal(BatchPhase.Collected, Assert.Single(h.Store.LoadAllBatches()).Phase);
        }
    }

    [Fact]
    public async Task RunAsync_AfterATimeLimit_TheNextRunSubmitsOnlyWhatIsLeft()
    {
        ScriptedProvider provider = null!;
        EngineHarness h = null!;
        var limitPassed = false;
        provider = new ScriptedProvider
        {
            AnsweredAfterCancel = 1,
            PollsInFlight = 1,
            OnPoll = (_, _) =>
            {
                if (!limitPassed)
                {
                    limitPassed = true;
                    h.Time.Advance(TimeSpan.FromHours(2));
                }
            },
        };
        using (h = new EngineHarness(provider))
        {
            var jobs = new[] { "a", "b", "c", "d" };
            await h.RunAsync(h.Settings(maxParallelBatches: 1, itemsPerBatch: 2, timeLimit: TimeSpan.FromHours(1)), jobs.Select(id => EngineHarness.Job(id)));
            var (stop, status) = await h.RunAsync(h.Settings(maxParallelBatches: 1, itemsPerBatch: 10), jobs.Select(id => EngineHarness.Job(id)));

            Assert.Equal(StopReason.None, stop);
            Assert.Equal([["a", "b"], ["b", "c", "d"]], provider.Created.Select(s => s.Ids.ToArray()));
            Assert.All(h.StoredJobs().Values, j => Assert.Equal(JobStatus.Completed, j.Status));
            Assert.Equal((4, 4), (status.Total, status.Completed));
        }
    }
}
