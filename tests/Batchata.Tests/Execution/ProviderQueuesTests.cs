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

    [Theory]
    [InlineData(30, 10)]
    [InlineData(100_000, 37_123)]
    [InlineData(5, 1)]
    public void RejectedAtCreate_FillsTheQueueToItsUnstatedLimit_InFewRefusals(int jobs, int limit)
    {
        // The planner's side: each batch holds what the room allows; the provider's side: a create that would make the
        // queue hold more than `limit` requests is refused with 429 (and says nothing of the limit).
        var queues = new ProviderQueues(1_000, []);
        var pending = jobs;
        var refusals = 0;
        var held = 0;
        while (pending > 0 && queues.Room(Anthropic, "x").Requests is not <= 0)
        {
            var batch = Batch(Anthropic, "x", Math.Min(pending, queues.Room(Anthropic, "x").Requests ?? pending));
            queues.Started(batch);
            if (held + batch.JobCount <= limit)
            {
                Accept(queues, batch);
                held += batch.JobCount;
                pending -= batch.JobCount;
            }
            else
            {
                refusals++;
                Assert.True(queues.Rejected(batch, "rate_limit_error", atCreate: true));
                queues.Finished(batch);
            }
        }

        Assert.Equal(Math.Min(jobs, limit), held);
        Assert.InRange(refusals, 1, 2 * (int)Math.Ceiling(Math.Log2(jobs) + 1));
    }

    [Fact]
    public void RejectedAtCreate_AfterABatchEnds_TheNextFillsItsRoomWithoutARefusal()
    {
        var queues = new ProviderQueues(10, []);
        var first = Batch(Anthropic, "x", 10);
        queues.Started(first);
        Accept(queues, first);
        var refused = Batch(Anthropic, "x", 10);
        queues.Started(refused);
        Assert.True(queues.Rejected(refused, "rate_limit_error", atCreate: true)); // the queue holds fewer than 20
        queues.Finished(refused);
        var probe = Batch(Anthropic, "x", queues.Room(Anthropic, "x").Requests!.Value); // 5: aims at 15
        queues.Started(probe);
        Assert.Equal(5, probe.JobCount);
        Assert.True(queues.Rejected(probe, "rate_limit_error", atCreate: true));
        queues.Finished(probe);

        queues.Finished(first);

        Assert.Equal(12, queues.Room(Anthropic, "x").Requests); // between 10 (held) and 15 (refused)
    }

    [Fact]
    public void RejectedAtCreate_OneJobWithNothingCreated_GivesUp()
    {
        var queues = new ProviderQueues(10, []);
        var single = Batch(Anthropic, "x", 1);
        queues.Started(single);

        Assert.False(queues.Rejected(single, "rate_limit_error", atCreate: true));
    }

    [Fact]
    public void LearnedCapacity_MovesWithAQueueThatShrinksOrGrows()
    {
        var capacity = new LearnedCapacity();
        capacity.OnAccepted(10);
        capacity.OnRefused(20);
        Assert.Equal(15, capacity.Target);

        capacity.OnRefused(8); // other work of the organisation took part of the queue
        Assert.Equal((7, 8), (capacity.Known, capacity.Refused));

        capacity.OnAccepted(30); // and left it
        Assert.Equal((30, (int?)null, (int?)null), (capacity.Known, capacity.Refused, capacity.Target));
    }

    /// <summary>What the tracker does when a create is answered: the batch gets its id, then the queue counts it.</summary>
    private static void Accept(ProviderQueues queues, TrackedBatch batch)
    {
        batch.MoveTo(BatchPhase.Creating);
        batch.Created("batch-" + batch.Tag);
        queues.Accepted(batch);
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
