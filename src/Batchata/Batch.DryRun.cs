namespace Batchata;

public sealed partial class Batch
{
    /// <summary>Plans and prices the run without submitting anything or touching the results directory.</summary>
    /// <param name="cancellationToken">A token to cancel the planning.</param>
    /// <returns>The report.</returns>
    /// <exception cref="BatchValidationException">There are no jobs.</exception>
    public Task<DryRunReport> DryRunAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_spool.Count == 0)
        {
            throw new BatchValidationException("The batch has no jobs: add at least one with AddJob before planning it.");
        }

        // Two streamed passes over the spooled jobs: count each group (the automatic batch size depends on it),
        // then size and price every job in its group. Nothing holds all the definitions at once.
        var counts = new Dictionary<(string Provider, string Model), int>();
        foreach (var job in _spool.Read())
        {
            counts[(job.Provider, job.Model)] = counts.GetValueOrDefault((job.Provider, job.Model)) + 1;
        }

        var plans = counts.ToDictionary(c => c.Key, c => new DryRunPlan(Registry.Get(c.Key.Provider), _catalog.Resolve(c.Key.Model, Today, out _), c.Value, ItemsPerBatch, MaxParallelBatches, MaxJobsInFlight));
        foreach (var job in _spool.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            plans[(job.Provider, job.Model)].Add(job);
        }

        var groups = plans.Values.Select(p => p.ToGroup()).ToList();
        return Task.FromResult(new DryRunReport { Groups = groups, CostLimitUsd = CostLimitUsd });
    }

    /// <summary>One (provider, model) group of a dry run, filled job by job.</summary>
    private sealed class DryRunPlan(IBatchProvider provider, ModelInfo model, int jobCount, int? itemsPerBatch, int maxParallelBatches, int? maxJobsInFlight)
    {
        private readonly int _perBatch = Math.Min(itemsPerBatch ?? BatchPlanner.AutoSize(jobCount, provider.Limits.MaxRequests, maxParallelBatches, maxJobsInFlight), provider.Limits.MaxRequests);
        private readonly List<(int, long)> _batches = [];
        private int _count;
        private long _bytes, _input, _maxOut, _expectedOut;
        private decimal _expected, _worst, _realTime;

        public void Add(JobRequest job)
        {
            var size = provider.EncodeRequest(job, model).LongLength + 1;
            if (_count == _perBatch || (_count > 0 && _bytes + size > provider.Limits.MaxBytes))
            {
                _batches.Add((_count, _bytes));
                _count = 0;
                _bytes = 0;
            }

            _count++;
            _bytes += size;
            _input += job.EstimatedInputTokens;
            _maxOut += job.MaxTokens;
            var outTokens = CostCalculator.ExpectedOutputTokens(job.MaxTokens);
            _expectedOut += outTokens;
            var usage = new TokenUsage(job.EstimatedInputTokens, outTokens);
            _expected += CostCalculator.BatchCost(model, usage);
            _realTime += CostCalculator.StandardCost(model, usage);
            _worst += CostCalculator.WorstCaseBatchCost(model, job.EstimatedInputTokens, job.MaxTokens);
        }

        public DryRunGroup ToGroup() => new()
        {
            Provider = provider.Name,
            Model = model.Id,
            Jobs = jobCount,
            Batches = [.. _batches, (_count, _bytes)],
            MaxRequestsPerBatch = provider.Limits.MaxRequests,
            MaxBytesPerBatch = provider.Limits.MaxBytes,
            EstimatedInputTokens = _input,
            ExpectedOutputTokens = _expectedOut,
            MaxOutputTokens = _maxOut,
            ExpectedCostUsd = _expected,
            WorstCaseCostUsd = _worst,
            RealTimeCostUsd = _realTime,
        };
    }
}
