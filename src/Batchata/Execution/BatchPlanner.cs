namespace Batchata;

/// <summary>
/// Forms provider batches lazily from the pending queues: one group per provider (and model where the
/// provider needs one model per batch), at most <c>itemsPerBatch</c> jobs (auto: the group spread over
/// <c>maxParallelBatches</c>), within the provider's request-count and byte limits measured on the serialized
/// lines, each job's worst-case cost reserved first. Only one chunk is encoded at a time, so memory follows the
/// largest provider batch, not the number of jobs.
/// </summary>
internal sealed class BatchPlanner
{
    /// <summary>
    /// The most jobs an automatically sized batch holds. Spreading a very large run over only
    /// <c>maxParallelBatches</c> batches would make each batch hold N/parallel jobs, so memory would grow
    /// with N and nothing would come back until a huge batch ended; capped batches keep memory bounded by
    /// the batch size and let results stream back while later batches run (measured in bench/: 100k jobs
    /// ran 2× faster and in less memory with 2,000-job batches than with 10,000-job ones).
    /// </summary>
    public const int AutoBatchCap = 2_000;

    /// <summary>Room left for the batch envelope (<c>{"requests":[...]}</c>, multipart framing, ...).</summary>
    private const long EnvelopeBytes = 64 * 1024;

    private readonly RunState _state;
    private readonly ProviderRegistry _providers;
    private readonly Func<string, JobRequest> _definition;
    private readonly int? _itemsPerBatch;
    private readonly int _maxParallelBatches;
    private readonly Dictionary<Queue<JobState>, int> _autoSizes = [];
    private int _rotation;

    /// <param name="state">The run's jobs and queues.</param>
    /// <param name="providers">The configured providers.</param>
    /// <param name="definition">Loads a job's definition (from the state store) when its request is encoded.</param>
    /// <param name="itemsPerBatch">The user's batch size, or null for automatic.</param>
    /// <param name="maxParallelBatches">The most batches in flight.</param>
    public BatchPlanner(RunState state, ProviderRegistry providers, Func<string, JobRequest> definition, int? itemsPerBatch, int maxParallelBatches)
    {
        _state = state;
        _providers = providers;
        _definition = definition;
        _itemsPerBatch = itemsPerBatch;
        _maxParallelBatches = maxParallelBatches;
    }

    /// <summary>Jobs that could not be planned (encoding failed, or the cost limit has no room), to be ended by the caller.</summary>
    public List<(JobState Job, JobFailureKind Kind, string Error)> Rejected { get; } = [];

    /// <summary>Takes the next chunk, or null when nothing is pending.</summary>
    public PlannedChunk? TakeChunk()
    {
        while (true)
        {
            var queues = _state.NonEmptyQueues();
            if (queues.Count == 0)
            {
                return null;
            }

            var queue = queues[_rotation++ % queues.Count];
            if (Fill(queue) is { } chunk)
            {
                return chunk;
            }
        }
    }

    /// <summary>The automatic batch size: the group spread over the parallel batches, at most <see cref="AutoBatchCap"/>.</summary>
    public static int AutoSize(int jobs, int maxParallelBatches)
        => Math.Clamp((int)Math.Ceiling(jobs / (double)maxParallelBatches), 1, AutoBatchCap);

    private PlannedChunk? Fill(Queue<JobState> queue)
    {
        var first = queue.Peek();
        var provider = _providers.Get(first.Provider);
        if (!_autoSizes.TryGetValue(queue, out var auto))
        {
            _autoSizes[queue] = auto = AutoSize(queue.Count, _maxParallelBatches);
        }

        var maxCount = Math.Min(_itemsPerBatch ?? auto, provider.Limits.MaxRequests);
        var maxBytes = provider.Limits.MaxBytes - EnvelopeBytes;
        var jobs = new List<JobState>();
        var requests = new List<EncodedRequest>();
        long bytes = 0;
        while (jobs.Count < maxCount && queue.TryPeek(out var job))
        {
            byte[] line;
            try
            {
                line = provider.EncodeRequest(_definition(job.Id), job.Model);
            }
            catch (Exception ex) when (ex is BatchValidationException or IOException or UnauthorizedAccessException)
            {
                _state.TryDequeue(queue, out _);
                Rejected.Add((job, JobFailureKind.NotSubmitted, $"The request could not be built: {ex.Message}"));
                continue;
            }

            if (line.Length + 1 > maxBytes)
            {
                _state.TryDequeue(queue, out _);
                Rejected.Add((job, JobFailureKind.BatchFailed, $"The request is {line.Length:N0} bytes, more than a {provider.Name} batch can hold ({maxBytes:N0}). Use a smaller file."));
                continue;
            }

            if (jobs.Count > 0 && bytes + line.Length + 1 > maxBytes)
            {
                break;
            }

            var worstCase = CostCalculator.WorstCaseBatchCost(job.Model, job.EstimatedInputTokens, job.MaxTokens);
            _state.TryDequeue(queue, out _);
            if (!_state.Ledger.TryReserve(worstCase))
            {
                Rejected.Add((job, JobFailureKind.CostLimitExceeded, $"Cost limit exceeded: this job's worst case (${worstCase:0.######}) does not fit under the ${_state.Ledger.Limit:0.##} limit (spent ${_state.Ledger.Spent:0.######}, reserved ${_state.Ledger.Reserved:0.######}). It was not submitted."));
                continue;
            }

            job.ReservedUsd = worstCase;
            jobs.Add(job);
            requests.Add(new EncodedRequest(job.Id, line));
            bytes += line.Length + 1;
        }

        return jobs.Count == 0 ? null : new PlannedChunk(provider, first.Model.Id, jobs, requests);
    }
}
