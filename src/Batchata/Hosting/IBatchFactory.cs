using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Batchata;

/// <summary>Creates <see cref="Batch"/>es configured from <see cref="BatchataOptions"/> (registered by <c>AddBatchata</c>).</summary>
public interface IBatchFactory
{
    /// <summary>Creates a batch with the configured providers, HTTP clients, logging and limits. Dispose it when done.</summary>
    /// <param name="resultsDir">The results directory, or null for <see cref="BatchataOptions.ResultsDir"/>.</param>
    /// <returns>A new batch; add jobs, then run it.</returns>
    Batch Create(string? resultsDir = null);
}

/// <summary>The <see cref="IBatchFactory"/> of <c>AddBatchata</c>: options, named HTTP clients, the logger factory and the clock.</summary>
internal sealed class DefaultBatchFactory(IOptionsMonitor<BatchataOptions> options, IHttpClientFactory httpClients, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) : IBatchFactory
{
    public Batch Create(string? resultsDir = null)
    {
        var o = options.CurrentValue;
        var batch = new Batch(resultsDir ?? o.ResultsDir, o.MaxParallelBatches, o.ItemsPerBatch);
        batch.SetMaxJobsInFlight(o.MaxJobsInFlight);
        if (timeProvider is not null)
        {
            batch.SetTimeProvider(timeProvider);
        }

        var anthropic = o.Anthropic;
        var openAI = o.OpenAI;
        var gemini = o.Gemini;
        batch.UseAnthropic(x => { x.ApiKey = anthropic.ApiKey ?? x.ApiKey; x.BaseUrl = anthropic.BaseUrl ?? x.BaseUrl; x.PollInterval = anthropic.PollInterval ?? x.PollInterval; x.HttpClient = httpClients.CreateClient(BatchataHttpClients.Anthropic); })
            .UseOpenAI(x => { x.ApiKey = openAI.ApiKey ?? x.ApiKey; x.BaseUrl = openAI.BaseUrl ?? x.BaseUrl; x.PollInterval = openAI.PollInterval ?? x.PollInterval; x.HttpClient = httpClients.CreateClient(BatchataHttpClients.OpenAI); })
            .UseGemini(x => { x.ApiKey = gemini.ApiKey ?? x.ApiKey; x.BaseUrl = gemini.BaseUrl ?? x.BaseUrl; x.PollInterval = gemini.PollInterval ?? x.PollInterval; x.HttpClient = httpClients.CreateClient(BatchataHttpClients.Gemini); });
        if (loggerFactory is not null)
        {
            batch.SetLoggerFactory(loggerFactory);
        }

        if (o.CostLimitUsd is { } cost)
        {
            batch.AddCostLimit(cost);
        }

        if (o.TimeLimit is { } time)
        {
            batch.AddTimeLimit(seconds: time.TotalSeconds);
        }

        if (o.DefaultModel is not null || o.DefaultMaxTokens is not null)
        {
            batch.SetDefaultParams(model: o.DefaultModel, maxTokens: o.DefaultMaxTokens);
        }

        return batch;
    }
}
