using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace Batchata.Tests.Execution;

/// <summary>
/// An in-memory <see cref="IBatchProvider"/> whose behaviour each test scripts: how many polls a batch stays in
/// flight, each request's answer, a create that fails, what a reconcile finds, and a hook on every poll (to move
/// a fake clock at an exact point, say). No socket and no real-time wait: its poll interval is zero.
/// </summary>
internal sealed class ScriptedProvider : IBatchProvider
{
    private readonly ConcurrentDictionary<string, ScriptedBatch> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ScriptedSubmission> _created = new();
    private readonly ConcurrentQueue<string> _cancelled = new();
    private int _next;

    public ScriptedProvider(string name = "scripted", ProviderLimits? limits = null, bool oneModelPerBatch = false)
    {
        Name = name;
        Limits = limits ?? new ProviderLimits(100_000, 1_000_000);
        OneModelPerBatch = oneModelPerBatch;
    }

    public string Name { get; }

    public ProviderLimits Limits { get; }

    public bool OneModelPerBatch { get; }

    public TimeSpan? PollInterval => TimeSpan.Zero;

    /// <summary>Polls that report a batch in flight before it ends.</summary>
    public int PollsInFlight { get; init; } = 1;

    /// <summary>The result of one request on its n-th submission (1-based); null leaves it out of the results.</summary>
    public Func<string, int, ProviderResult?> Answer { get; init; } = (id, _) => Succeeded(id);

    /// <summary>After a cancel, how many of a batch's requests (the first ones) still have results.</summary>
    public int AnsweredAfterCancel { get; init; }

    /// <summary>Throws for a create (a provider error, say); null creates the batch.</summary>
    public Func<BatchSubmission, Exception?> CreateFailure { get; init; } = _ => null;

    /// <summary>What a reconcile of an interrupted create finds.</summary>
    public Func<BatchSubmission, string?> Find { get; init; } = _ => null;

    /// <summary>Called on every poll with the batch and the poll's number (1-based).</summary>
    public Action<ScriptedBatch, int> OnPoll { get; init; } = (_, _) => { };

    /// <summary>Encodes a job's request line; throw <see cref="BatchValidationException"/> to refuse it.</summary>
    public Func<JobRequest, byte[]> Encode { get; init; } = job => Encoding.UTF8.GetBytes($$"""{"custom_id":"{{job.Id}}"}""");

    /// <summary>The batches created, in order: tag and custom ids (copied: the engine lets go of its request lines).</summary>
    public IReadOnlyList<ScriptedSubmission> Created => [.. _created];

    public IReadOnlyList<string> Cancelled => [.. _cancelled];

    public ScriptedBatch this[string id] => _batches[id];

    public static ProviderResult Succeeded(string id) => new()
    {
        CustomId = id,
        Kind = ProviderResultKind.Succeeded,
        Text = "answer to " + id,
        Usage = new TokenUsage(10, 5),
        StopReason = "end_turn",
    };

    public static ProviderResult RetryableError(string id) => new()
    {
        CustomId = id,
        Kind = ProviderResultKind.Errored,
        ErrorType = "overloaded_error",
        ErrorMessage = "try later",
        IsRetryable = true,
    };

    /// <summary>A batch an earlier run created (re-attached by a resume).</summary>
    public void AddExisting(string id, IEnumerable<string> customIds) => _batches[id] = new ScriptedBatch(id, "earlier", [.. customIds]);

    public void Validate(JobRequest job, ModelInfo model)
    {
    }

    public byte[] EncodeRequest(JobRequest job, ModelInfo model) => Encode(job);

    public Task<string> CreateBatchAsync(BatchSubmission submission, CancellationToken cancellationToken)
    {
        if (CreateFailure(submission) is { } failure)
        {
            throw failure;
        }

        var id = $"sb_{Interlocked.Increment(ref _next)}";
        var ids = submission.Requests.Select(r => r.CustomId).ToList();
        _batches[id] = new ScriptedBatch(id, submission.Tag, ids);
        _created.Enqueue(new ScriptedSubmission(submission.Tag, ids));
        return Task.FromResult(id);
    }

    public Task<ProviderBatchState> GetBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        var batch = _batches[batchId];
        var poll = Interlocked.Increment(ref batch.Polls);
        OnPoll(batch, poll);
        var ended = batch.CancelRequested || poll > PollsInFlight;
        return Task.FromResult(new ProviderBatchState(
            batchId,
            ended ? "ended" : "in_progress",
            ended ? BatchPhase.Ended : BatchPhase.InFlight,
            ResultsAvailable: ended,
            Total: batch.CustomIds.Count));
    }

    public Task CancelBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        _batches[batchId].CancelRequested = true;
        _cancelled.Enqueue(batchId);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<ProviderResult> ReadResultsAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var batch = _batches[batchId];
        var ids = batch.CancelRequested ? batch.CustomIds.Take(AnsweredAfterCancel) : batch.CustomIds;
        foreach (var id in ids)
        {
            var attempt = batch.Tag == "earlier" ? 1 : _created.Count(s => s.Ids.Contains(id));
            if (Answer(id, attempt) is { } result)
            {
                yield return result;
            }
        }
    }

    public Task<string?> FindBatchAsync(BatchSubmission submission, DateTimeOffset notBefore, CancellationToken cancellationToken)
        => Task.FromResult(Find(submission));
}

/// <summary>One batch of a <see cref="ScriptedProvider"/>.</summary>
internal sealed class ScriptedBatch(string id, string tag, IReadOnlyList<string> customIds)
{
    public int Polls;

    public string Id { get; } = id;

    public string Tag { get; } = tag;

    public IReadOnlyList<string> CustomIds { get; } = customIds;

    public volatile bool CancelRequested;
}

/// <summary>A batch the engine created: its tag and custom ids.</summary>
internal sealed record ScriptedSubmission(string Tag, IReadOnlyList<string> Ids);
