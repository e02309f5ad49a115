using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Batchata.WorkerSample;

/// <summary>Creates a batch from the injected factory, runs it, and handles each result as soon as it is written.</summary>
internal sealed class SummarizeWorker(IBatchFactory batches, IHostApplicationLifetime lifetime, ILogger<SummarizeWorker> logger) : BackgroundService
{
    private static readonly string[] Topics = ["tides", "volcanoes", "bees", "comets", "glaciers", "lighthouses"];

    public static int Streamed { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var batch = batches.Create();
            batch.SetState(reuseState: false); // a fresh run each time the sample starts (the old state is kept aside)
            foreach (var topic in Topics)
            {
                batch.AddJob(prompt: $"Explain {topic} in one sentence.", id: topic);
            }

            batch.AddJob(prompt: "Explain ants in one sentence.", id: "ants", model: "gpt-6-luna");

            // Subscribe first, then run: every result is handed over as it is written, while other batches still run.
            var results = batch.ResultsAsync(stoppingToken);
            var running = batch.RunAsync(cancellationToken: stoppingToken);
            await foreach (var result in results)
            {
                Streamed++;
                logger.LogInformation("Result {Job}: {Status} {Text}", result.JobId, result.Status, result.IsSuccess ? result.RawResponse : result.Error);
            }

            var run = await running;
            var status = run.Status();
            logger.LogInformation("Run ended: {Completed}/{Total} completed, ${Cost:0.000000}; results in {Dir}.", status.Completed, status.Total, status.CostUsd, run.ResultsDir);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
