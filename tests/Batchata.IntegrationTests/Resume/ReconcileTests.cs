namespace Batchata.IntegrationTests.Resume;

/// <summary>Issue 3: a crash between the recorded intent and the recorded batch id is reconciled with the provider, never paid twice.</summary>
public sealed class ReconcileTests
{
    private const string Model = "gpt-6-luna";

    private static Batch Jobs(EmulatorHarness h)
    {
        var batch = h.NewBatch(itemsPerBatch: 10).SetDefaultParams(model: Model, maxTokens: 50);
        for (var i = 0; i < 4; i++)
        {
            batch.AddJob(prompt: $"Reconcile {i}", id: $"r{i}");
        }

        return batch;
    }

    /// <summary>Records an intent in the state file as a crashed run would have; optionally creates the batch at the provider too.</summary>
    private static async Task CrashAfterIntentAsync(EmulatorHarness h, Batch batch, bool createdAtProvider)
    {
        const string tag = "batchata-crashed-0000";
        var jobs = batch.JobsForTesting;
        using (var store = RunStore.Open(Path.Combine(h.ResultsDir, ".batchata", "state.db"), h.Time!))
        {
            store.InsertJobs(jobs);
            store.RecordBatchIntent(tag, "openai", Model, jobs.Select(j => j.Id).ToList(), 0m, h.Time!.GetUtcNow());
        }

        if (createdAtProvider)
        {
            using var http = new HttpClient();
            var provider = new OpenAIBatchProvider(new OpenAIOptions(), h.Emulator.ApiKey, h.Emulator.OpenAIBaseUrl, http, h.Time!);
            var model = ModelCatalog.Default.Resolve(Model, new DateOnly(2026, 11, 29), out _);
            var lines = jobs.Select(j => new EncodedRequest(j.Id, provider.EncodeRequest(j, model))).ToList();
            await provider.CreateBatchAsync(new BatchSubmission(tag, Model, lines), TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task RunAsync_IntentRecordedAndBatchCreated_ReattachesInsteadOfResubmitting()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromSeconds(20));
        var batch = Jobs(h);
        await CrashAfterIntentAsync(h, batch, createdAtProvider: true);
        Assert.Single(h.Emulator.CreatedBatches);

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, run.Results().Completed.Count);
        var created = Assert.Single(h.Emulator.CreatedBatches);
        Assert.All(run.Results().Completed, r => Assert.Equal(created.Id, r.BatchId));
    }

    [Fact]
    public async Task RunAsync_IntentRecordedButNeverCreated_SubmitsOnce()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ProcessingLatency = TimeSpan.FromSeconds(20));
        var batch = Jobs(h);
        await CrashAfterIntentAsync(h, batch, createdAtProvider: false);
        Assert.Empty(h.Emulator.CreatedBatches);

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, run.Results().Completed.Count);
        var created = Assert.Single(h.Emulator.CreatedBatches);
        Assert.Equal(4, created.RequestCount);
    }
}
