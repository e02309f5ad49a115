using System.Net;

namespace Batchata.Emulator.Tests;

public sealed class FaultEndpointTests
{
    [Fact]
    public async Task Faults_LimitedToOneEndpoint_OtherEndpointsAnswerNormally()
    {
        var options = new EmulatorOptions { Seed = 3 };
        options.Faults.TransientFailureRate = 1.0;
        options.Faults.Endpoints = ["POST /v1/messages/batches"];
        await using var emulator = await BatchEmulator.StartAsync(options, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Add("x-api-key", emulator.ApiKey);
        http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        using var list = await http.GetAsync("v1/messages/batches", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);

        var faulted = 0;
        for (var i = 0; i < 5; i++)
        {
            try
            {
                using var content = new StringContent("""{"requests":[{"custom_id":"a","params":{"model":"claude-haiku-5-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}}]}""", System.Text.Encoding.UTF8, "application/json");
                using var create = await http.PostAsync("v1/messages/batches", content, TestContext.Current.CancellationToken);
                Assert.NotEqual(HttpStatusCode.OK, create.StatusCode);
                faulted++;
            }
            catch (HttpRequestException)
            {
                faulted++; // an aborted connection
            }
        }

        Assert.Equal(5, faulted);
        Assert.Empty(emulator.CreatedBatches);
    }
}
