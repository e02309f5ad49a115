namespace Batchata;

public sealed partial class Batch
{
    private readonly List<QueueLimit> _queueLimits = [];

    /// <summary>
    /// The default limit on jobs in flight at once (<see cref="SetMaxJobsInFlight"/>): 200,000. A run of up to that
    /// many jobs goes in one wave; a larger one goes in waves of about that many, so that its memory stays bounded
    /// (the engine holds each job in flight, a few hundred bytes each) rather than growing with the run.
    /// </summary>
    public const int DefaultMaxJobsInFlight = 200_000;

    /// <summary>Gets the most jobs in flight at once over all providers, or null for no limit (see <see cref="SetMaxJobsInFlight"/>).</summary>
    public int? MaxJobsInFlight { get; private set; } = DefaultMaxJobsInFlight;

    /// <summary>
    /// Limits how many jobs are in provider batches at once, over all providers: the run's memory budget. The engine
    /// holds every job in flight (550–700 bytes of heap each, measured: a million jobs in flight cost about 450 MB more than
    /// 200,000), so a run larger than the limit submits about that many, and the rest as batches end: in waves, each
    /// costing a batch latency. With automatic batch sizes, batches are sized so that the limit fills
    /// <c>maxParallelBatches</c> of them. The default, <see cref="DefaultMaxJobsInFlight"/>, puts runs of up to
    /// 200,000 jobs in flight at once; raise it (or pass null) to put a larger run in one wave when memory allows.
    /// </summary>
    /// <param name="maxJobs">The most jobs in flight, at least 1; null for no limit.</param>
    /// <returns>This batch.</returns>
    public Batch SetMaxJobsInFlight(int? maxJobs)
    {
        if (maxJobs is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxJobs), maxJobs, "maxJobs must be at least 1, or null for no limit.");
        }

        MaxJobsInFlight = maxJobs;
        return this;
    }

    /// <summary>Gets the fixed poll interval set by <see cref="SetPollInterval"/>, or null for the adaptive default.</summary>
    public TimeSpan? PollInterval { get; private set; }

    /// <summary>
    /// Keeps the run below a provider queue limit you know (your tier's), so that no batch is created that the
    /// provider must refuse. Counted from the jobs' token estimates and request counts, over the batches in flight:
    /// OpenAI's enqueued-token limit counts per model (name a model, or <c>openai</c> for each of its models);
    /// Anthropic's and Gemini's batch queues count per provider. Without a limit, a refusal (OpenAI
    /// <c>token_limit_exceeded</c>, a 429 on create) is handled as it comes: the jobs wait for the batches in flight.
    /// </summary>
    /// <param name="providerOrModel">A provider name (<c>anthropic</c>, <c>openai</c>, <c>gemini</c>) or a model id.</param>
    /// <param name="maxEnqueuedTokens">The most estimated prompt tokens in batches that have not ended, or null.</param>
    /// <param name="maxQueuedRequests">The most requests in batches that have not ended, or null.</param>
    /// <returns>This batch.</returns>
    /// <exception cref="ArgumentException">The name is neither a provider nor a known model, or neither limit is a positive number.</exception>
    public Batch SetQueueLimit(string providerOrModel, long? maxEnqueuedTokens = null, int? maxQueuedRequests = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerOrModel);
        if (maxEnqueuedTokens is null && maxQueuedRequests is null)
        {
            throw new ArgumentException("Give maxEnqueuedTokens, maxQueuedRequests or both.", nameof(maxEnqueuedTokens));
        }

        if (maxEnqueuedTokens is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEnqueuedTokens), maxEnqueuedTokens, "maxEnqueuedTokens must be at least 1.");
        }

        if (maxQueuedRequests is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxQueuedRequests), maxQueuedRequests, "maxQueuedRequests must be at least 1.");
        }

        var name = providerOrModel.Trim();
        if (name is not (ProviderDescriptors.AnthropicName or ProviderDescriptors.OpenAIName or ProviderDescriptors.GeminiName))
        {
            name = _catalog.TryGet(name, out var model)
                ? model.Id
                : throw new ArgumentException($"'{providerOrModel}' is neither a provider (anthropic, openai, gemini) nor a model of the catalog.", nameof(providerOrModel));
        }

        _queueLimits.Add(new QueueLimit(name, maxEnqueuedTokens, maxQueuedRequests));
        return this;
    }

    /// <summary>
    /// Polls every provider batch at this fixed interval, instead of the adaptive default (about every second at first,
    /// backing off to about a minute as a batch runs longer: a twentieth of its age).
    /// </summary>
    /// <param name="interval">The interval, at least 10 ms.</param>
    /// <returns>This batch.</returns>
    public Batch SetPollInterval(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromMilliseconds(10));
        PollInterval = interval;
        return this;
    }
}
