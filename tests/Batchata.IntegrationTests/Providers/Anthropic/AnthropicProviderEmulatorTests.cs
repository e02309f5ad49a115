using Batchata.Emulator;

namespace Batchata.IntegrationTests.Providers.Anthropic;

/// <summary>The Anthropic provider over real HTTP against the in-process emulator.</summary>
public sealed class AnthropicProviderEmulatorTests
{
    private static readonly RetrySettings FastRetry = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 8 };
    private static readonly ModelInfo Model = new()
    {
        Id = "claude-sonnet-4-6",
        Provider = "anthropic",
        MaxOutputTokens = 64_000,
        Capabilities = new ModelCapabilities { Vision = true, Pdf = true, Citations = true, StructuredOutput = true, Temperature = true },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AnthropicBatchProvider Provider(BatchEmulator emulator, string? key = null, AnthropicOptions? options = null)
        => new(options ?? new AnthropicOptions(), key ?? emulator.ApiKey, emulator.AnthropicBaseUrl, new HttpClient(), TimeProvider.System, FastRetry);

    private static JobRequest Job(string id, string prompt) => new()
    {
        Id = id,
        Model = Model.Id,
        Provider = "anthropic",
        Messages = [new JobMessage("user", prompt)],
        MaxTokens = 200,
    };

    private static BatchSubmission Submit(AnthropicBatchProvider provider, params JobRequest[] jobs)
        => new("run/0", Model.Id, jobs.Select(j => new EncodedRequest(j.Id, provider.EncodeRequest(j, Model))).ToList());

    private static async Task<ProviderBatchState> WaitAsync(AnthropicBatchProvider provider, string id)
    {
        for (var i = 0; i < 200; i++)
        {
            var state = await provider.GetBatchAsync(id, Ct);
            if (state.IsTerminal)
            {
                return state;
            }

            await Task.Delay(25, Ct);
        }

        throw new TimeoutException($"batch {id} did not end");
    }

    private static async Task<List<ProviderResult>> ReadAllAsync(AnthropicBatchProvider provider, string id)
    {
        var results = new List<ProviderResult>();
        await foreach (var result in provider.ReadResultsAsync(id, Ct))
        {
            results.Add(result);
        }

        return results;
    }

    [Fact]
    public async Task CreatePollResults_ReturnsEveryRequestOnce()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator);
        var id = await provider.CreateBatchAsync(Submit(provider, Job("a", "Say hello."), Job("b", "Name a colour."), Job("c", "Count to three.")), Ct);

        var state = await WaitAsync(provider, id);
        Assert.True(state.ResultsAvailable);
        Assert.Equal(3, state.Total);
        Assert.Equal(3, state.Done);

        var results = await ReadAllAsync(provider, id);
        Assert.Equal(["a", "b", "c"], results.Select(r => r.CustomId).Order().ToArray());
        Assert.All(results, r =>
        {
            Assert.Equal(ProviderResultKind.Succeeded, r.Kind);
            Assert.False(string.IsNullOrEmpty(r.Text));
            Assert.True(r.Usage.InputTokens > 0);
            Assert.True(r.Usage.OutputTokens > 0);
            Assert.NotNull(r.RawLine);
        });
        Assert.Single(emulator.CreatedBatches);
    }

    [Fact]
    public async Task ReadResults_ForcedError_ComesBackErroredWithTypeAndMessage()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator);
        var id = await provider.CreateBatchAsync(Submit(provider, Job("ok", "Fine."), Job("bad", "Fail [[emulator:error=invalid_request_error]]")), Ct);
        var state = await WaitAsync(provider, id);
        Assert.Equal(1, state.Failed);

        var results = (await ReadAllAsync(provider, id)).ToDictionary(r => r.CustomId);
        Assert.Equal(ProviderResultKind.Succeeded, results["ok"].Kind);
        var bad = results["bad"];
        Assert.Equal(ProviderResultKind.Errored, bad.Kind);
        Assert.Equal("invalid_request_error", bad.ErrorType);
        Assert.False(string.IsNullOrEmpty(bad.ErrorMessage));
        Assert.False(bad.IsRetryable);
    }

    [Fact]
    public async Task CancelBatch_RunningBatch_EndsWithCanceledResults()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromHours(1) }, Ct);
        var provider = Provider(emulator);
        var id = await provider.CreateBatchAsync(Submit(provider, Job("a", "One."), Job("b", "Two.")), Ct);
        Assert.False((await provider.GetBatchAsync(id, Ct)).IsTerminal);

        await provider.CancelBatchAsync(id, Ct);
        var state = await WaitAsync(provider, id);
        Assert.Equal("ended", state.RawStatus);
        Assert.True(emulator.CreatedBatches[0].CancelRequested);

        var results = await ReadAllAsync(provider, id);
        Assert.Equal(2, results.Count);
        Assert.Contains(results, r => r.Kind == ProviderResultKind.Canceled);

        // Cancelling again after the end is fine.
        await provider.CancelBatchAsync(id, Ct);
    }

    [Fact]
    public async Task WrongKey_Throws401WithoutTheKey()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        const string wrongKey = "sk-ant-wrong-0123456789";
        var provider = Provider(emulator, wrongKey);
        var ex = await Assert.ThrowsAsync<ProviderException>(() => provider.CreateBatchAsync(Submit(provider, Job("a", "Hi.")), Ct));
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("authentication_error", ex.ErrorType);
        Assert.Contains("API key", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(emulator.CreatedBatches);
    }

    [Fact]
    public async Task BearerAuthAndNewVersion_Work()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator, options: new AnthropicOptions { UseBearerAuth = true, ApiVersion = "2026-10-21" });
        var id = await provider.CreateBatchAsync(Submit(provider, Job("a", "Hi.")), Ct);
        await WaitAsync(provider, id);
        Assert.Equal(ProviderResultKind.Succeeded, Assert.Single(await ReadAllAsync(provider, id)).Kind);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public async Task TransientFaults_RiddenThroughWithoutDuplicateBatches(int seed)
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { TransientFailureRate = 0.35 }, Seed = seed }, Ct);
        var provider = Provider(emulator);
        var jobs = Enumerable.Range(0, 20).Select(i => Job($"job-{i}", $"Question {i}.")).ToArray();
        var ids = new List<string>();
        for (var b = 0; b < 4; b++)
        {
            ids.Add(await provider.CreateBatchAsync(Submit(provider, jobs.Skip(b * 5).Take(5).ToArray()), Ct));
        }

        var seen = new List<string>();
        foreach (var id in ids)
        {
            await WaitAsync(provider, id);
            seen.AddRange((await ReadAllAsync(provider, id)).Select(r => r.CustomId));
        }

        Assert.Equal(ids.Count, emulator.CreatedBatches.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), emulator.CreatedBatches.Select(b => b.Id).Order(StringComparer.Ordinal));
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(jobs.Select(j => j.Id).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TruncatedResultStream_RedownloadedWithoutDuplicatesOrLoss()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { TruncateResultStreams = true } }, Ct);
        var provider = Provider(emulator);
        var jobs = Enumerable.Range(0, 40).Select(i => Job($"job-{i:D2}", $"Item {i}.")).ToArray();
        var id = await provider.CreateBatchAsync(Submit(provider, jobs), Ct);
        await WaitAsync(provider, id);

        var results = await ReadAllAsync(provider, id);
        Assert.Equal(jobs.Select(j => j.Id).Order(StringComparer.Ordinal), results.Select(r => r.CustomId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindBatch_AfterLostCreateAnswer_FindsTheBatchBySizeAndTime()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var creator = Provider(emulator);
        var submission = Submit(creator, Job("a", "One."), Job("b", "Two."));
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        await creator.CreateBatchAsync(Submit(creator, Job("x", "Other.")), Ct);
        var id = await creator.CreateBatchAsync(submission, Ct);

        // A second provider instance (e.g. after a restart) does not know the batch yet.
        var found = await Provider(emulator).FindBatchAsync(submission, notBefore, Ct);
        Assert.Equal(id, found);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StructuredJob_AnswerTextIsJsonOfTheSchema(bool nativeStructuredOutput)
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator);
        var model = new ModelInfo
        {
            Id = Model.Id,
            Provider = "anthropic",
            MaxOutputTokens = 64_000,
            Capabilities = new ModelCapabilities { StructuredOutput = nativeStructuredOutput, Temperature = true },
        };
        using var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer"}},"required":["city","population"]}""");
        var job = new JobRequest
        {
            Id = "s1",
            Model = model.Id,
            Provider = "anthropic",
            Messages = [new JobMessage("user", "Name a large city and its population.")],
            MaxTokens = 300,
            ResponseSchema = schema.RootElement.Clone(),
        };
        provider.Validate(job, model);
        var id = await provider.CreateBatchAsync(new BatchSubmission("run/0", model.Id, [new EncodedRequest(job.Id, provider.EncodeRequest(job, model))]), Ct);
        await WaitAsync(provider, id);

        var result = Assert.Single(await ReadAllAsync(provider, id));
        Assert.Equal(ProviderResultKind.Succeeded, result.Kind);
        using var answer = System.Text.Json.JsonDocument.Parse(result.Text!);
        Assert.Equal(System.Text.Json.JsonValueKind.String, answer.RootElement.GetProperty("city").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, answer.RootElement.GetProperty("population").ValueKind);
    }

    [Fact]
    public async Task DocumentWithCitations_ReturnsCitedBlocks()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions(), Ct);
        var provider = Provider(emulator);
        var dir = Directory.CreateTempSubdirectory("batchata-anthropic-it");
        var path = Path.Combine(dir.FullName, "facts.txt");
        await File.WriteAllTextAsync(path, "The Eiffel Tower is in Paris. It was completed in 1889. It is 330 metres tall.", Ct);
        var job = new JobRequest
        {
            Id = "c1",
            Model = Model.Id,
            Provider = "anthropic",
            Messages = [new JobMessage("user", "When was the tower completed?")],
            MaxTokens = 300,
            File = new JobFile(path, JobFileKind.Text, "text/plain"),
            EnableCitations = true,
        };
        provider.Validate(job, Model);
        var id = await provider.CreateBatchAsync(new BatchSubmission("run/0", Model.Id, [new EncodedRequest(job.Id, provider.EncodeRequest(job, Model))]), Ct);
        await WaitAsync(provider, id);

        var result = Assert.Single(await ReadAllAsync(provider, id));
        Assert.Equal(ProviderResultKind.Succeeded, result.Kind);
        Assert.NotNull(result.Blocks);
        var citation = result.Blocks.SelectMany(b => b.Citations).First();
        Assert.Equal("facts.txt", citation.Source);
        Assert.Equal("char_location", citation.Kind);
        Assert.NotNull(citation.StartChar);
        Assert.Equal(string.Concat(result.Blocks.Select(b => b.Text)), result.Text);
        dir.Delete(recursive: true);
    }
}
