namespace Batchata;

public sealed partial class Batch
{
    /// <summary>Plans and prices the run without submitting anything or touching the results directory.</summary>
    /// <param name="cancellationToken">A token to cancel the planning.</param>
    /// <returns>The report.</returns>
    /// <exception cref="BatchValidationException">There are no jobs.</exception>
    public Task<DryRunReport> DryRunAsync(CancellationToken cancellationToken = default)
    {
        if (_jobs.Count == 0)
        {
            throw new BatchValidationException("The batch has no jobs: add at least one with AddJob before planning it.");
        }

        var groups = new List<DryRunGroup>();
        foreach (var group in _jobs.GroupBy(j => (j.Provider, j.Model)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var provider = Registry.Get(group.Key.Provider);
            var model = _catalog.Resolve(group.Key.Model, Today, out _);
            var jobs = group.ToList();
            var perBatch = Math.Min(ItemsPerBatch ?? BatchPlanner.AutoSize(jobs.Count, MaxParallelBatches), provider.Limits.MaxRequests);
            var batches = new List<(int, long)>();
            int count = 0;
            long bytes = 0, input = 0, maxOut = 0, expectedOut = 0;
            decimal expected = 0, worst = 0, realTime = 0;
            foreach (var job in jobs)
            {
                var size = provider.EncodeRequest(job, model).LongLength + 1;
                if (count == perBatch || (count > 0 && bytes + size > provider.Limits.MaxBytes))
                {
                    batches.Add((count, bytes));
                    count = 0;
                    bytes = 0;
                }

                count++;
                bytes += size;
                input += job.EstimatedInputTokens;
                maxOut += job.MaxTokens;
                var outTokens = CostCalculator.ExpectedOutputTokens(job.MaxTokens);
                expectedOut += outTokens;
                var usage = new TokenUsage(job.EstimatedInputTokens, outTokens);
                expected += CostCalculator.BatchCost(model, usage);
                realTime += CostCalculator.StandardCost(model, usage);
                worst += CostCalculator.WorstCaseBatchCost(model, job.EstimatedInputTokens, job.MaxTokens);
            }

            batches.Add((count, bytes));
            groups.Add(new DryRunGroup
            {
                Provider = provider.Name,
                Model = model.Id,
                Jobs = jobs.Count,
                Batches = batches,
                MaxRequestsPerBatch = provider.Limits.MaxRequests,
                MaxBytesPerBatch = provider.Limits.MaxBytes,
                EstimatedInputTokens = input,
                ExpectedOutputTokens = expectedOut,
                MaxOutputTokens = maxOut,
                ExpectedCostUsd = expected,
                WorstCaseCostUsd = worst,
                RealTimeCostUsd = realTime,
            });
        }

        return Task.FromResult(new DryRunReport { Groups = groups, CostLimitUsd = CostLimitUsd });
    }
}
