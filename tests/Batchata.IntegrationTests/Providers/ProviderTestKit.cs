using Microsoft.Extensions.Time.Testing;

namespace Batchata.IntegrationTests.Providers;

/// <summary>Shared steps of the provider tests: build a submission, wait for a batch to end, read its results.</summary>
internal static class ProviderTestKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One job per prompt (with a short system turn), validated and encoded by <paramref name="provider"/>.</summary>
    public static BatchSubmission Submission(IBatchProvider provider, ModelInfo model, string tag, params string[] prompts)
    {
        var requests = prompts.Select((prompt, i) =>
        {
            var job = new JobRequest
            {
                Id = $"job-{i}",
                Model = model.Id,
                Provider = provider.Name,
                Messages = [new JobMessage("system", "Be brief."), new JobMessage("user", prompt)],
                MaxTokens = 100,
                Temperature = 0.3,
            };
            provider.Validate(job, model);
            return new EncodedRequest(job.Id, provider.EncodeRequest(job, model));
        }).ToList();
        return new BatchSubmission(tag, model.Id, requests);
    }

    /// <summary>Polls until the batch ends, advancing <paramref name="time"/> (when given) 30 minutes per poll.</summary>
    public static async Task<ProviderBatchState> WaitAsync(IBatchProvider provider, string id, FakeTimeProvider? time = null)
    {
        for (var i = 0; i < 200; i++)
        {
            var state = await provider.GetBatchAsync(id, Ct);
            if (state.IsTerminal)
            {
                return state;
            }

            time?.Advance(TimeSpan.FromMinutes(30));
            await Task.Delay(10, Ct);
        }

        throw new TimeoutException("batch did not end");
    }

    public static async Task<List<ProviderResult>> ResultsAsync(IBatchProvider provider, string id)
    {
        var results = new List<ProviderResult>();
        await foreach (var result in provider.ReadResultsAsync(id, Ct))
        {
            results.Add(result);
        }

        return results;
    }
}
