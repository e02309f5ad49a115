namespace Batchata.Tests.Execution;

/// <summary>Admission: batches in flight per provider, known and learned queue limits, waits and shrinking.</summary>
public sealed class ProviderQueuesTests
{
    private static readonly QueueProvider OpenAI = new("openai", perModel: true);
    private static readonly QueueProvider Anthropic = new("anthropic", perModel: false);
    private long _row;

    private TrackedBatch Batch(IBatchProvider provider, string model, int jobs, long tokens = 0) => new()
    {
        Row = ++_row,
        Tag = "t" + _row,
        Provider = provider,
        Model = model,
        JobIds = Enumerable.Range(0, jobs).Select(i => $"j{i}").ToList(),
        CreatedAt = DateTimeOffset.UnixEpoch,
        EnqueuedTokens = tokens,
        Phase = BatchPhase.Planned,
    };

    [Fact]
    public void HasSlot_CountsBatchesInFlightPerProvider()
    {
        var queues = new ProviderQueues(2, []);
        queues.Started(Batch(OpenAI, "a", 1));
        queues.Started(Batch(OpenAI, "b", 1));

        Assert.False(queues.HasSlot("openai"));
        Assert.True(queues.HasSlot("anthropic")); // another provider's batches do not count
    }

    [Fact]
    public void Room_KnownTokenLimit_CountsPerModelForOpenAIAndPerProviderForAnthropic()
    {
        var queues = new ProviderQueues(10, [new QueueLimit("openai", 1_000, null), new QueueLimit("anthropic", null, 100)]);
        queues.Started(Batch(OpenAI, "a", 3, tokens: 600));
        queues.Started(Batch(Anthropic, "x", 30));
        queues.Started(Batch(Anthropic, "y", 30));

        Assert.Equal(400, queues.Room(OpenAI, "a").Tokens);
        Assert.Equal(1_000, queues.Room(OpenAI, "b").Tokens);
        Assert.Equal(40, queues.Room(Anthropic, "z").Requests);
    }

    [Fact]
    public void Rejected_WithOthersInFlight_WaitsUntilOneEnds_AndLearnsOpenAILimitFromTheMessage()
    {
        var queues = new ProviderQueues(10, []);
        var running = Batch(OpenAI, "a", 5, tokens: 500);
        var refused = Batch(OpenAI, "a", 5, tokens: 500);
        queues.Started(running);
        queues.Started(refused);

        var handled = queues.Rejected(refused, "token_limit_exceeded: Enqueued token limit reached for a in organization org-x. Limit: 900 enqueued tokens. Please try again once some in_progress batches have been completed.");
        queues.Finished(refused);
        var whileRunning = queues.Room(OpenAI, "a");
        var waiting = queues.Waiting();
        queues.Finished(running);
        var after = queues.Room(OpenAI, "a");

        Assert.True(handled);
        Assert.True(whileRunning.Waiting);
        Assert.Equal(["openai a"], waiting);
        Assert.Empty(queues.Waiting());
        Assert.False(after.Waiting);
        Assert.Equal(900, after.Tokens);
    }

    [Fact]
    public void Rejected_Alone_HalvesTheNextBatch_AndGivesUpAtOneJob()
    {
        var queues = new ProviderQueues(10, []);
        var alone = Batch(Anthropic, "x", 100);
        queues.Started(alone);
        Assert.True(queues.Rejected(alone, "rate_limit_error"));
        queues.Finished(alone);
        var single = Batch(Anthropic, "x", 1);
        queues.Started(single);

        Assert.Equal(50, queues.Room(Anthropic, "x").MaxBatchRequests);
        Assert.False(queues.Rejected(single, "rate_limit_error"));
    }

    private sealed class QueueProvider(string name, bool perModel) : IBatchProvider
    {
        public string Name => name;

        public ProviderLimits Limits { get; } = new(50_000, 1_000_000, perModel);

        public bool OneModelPerBatch => perModel;

        public TimeSpan? PollInterval => null;

        public void Validate(JobRequest job, ModelInfo model) => throw new NotSupportedException();

        public byte[] EncodeRequest(JobRequest job, ModelInfo model) => throw new NotSupportedException();

        public Task<string> CreateBatchAsync(BatchSubmission submission, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProviderBatchState> GetBatchAsync(string batchId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CancelBatchAsync(string batchId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<ProviderResult> ReadResultsAsync(string batchId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> FindBatchAsync(BatchSubmission submission, DateTimeOffset notBefore, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
