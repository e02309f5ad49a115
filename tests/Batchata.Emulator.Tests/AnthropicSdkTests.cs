using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Anthropic.Models.Messages.Batches;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

public sealed class AnthropicSdkTests
{
    private static AnthropicClient Client(BatchEmulator emulator, string? key = null) =>
        new(new ClientOptions { ApiKey = key ?? emulator.ApiKey, BaseUrl = emulator.AnthropicBaseUrl.ToString(), MaxRetries = 0 });

    private static BatchCreateParams TwoRequests() => new()
    {
        Requests =
        [
            new Request { CustomID = "a", Params = new Params { Model = "claude-sonnet-4-6", MaxTokens = 64, Messages = [new UserMessageParam("Say hello to the world")] } },
            new Request { CustomID = "b", Params = new Params { Model = "claude-sonnet-4-6", MaxTokens = 64, Messages = [new UserMessageParam("Name three colors")] } },
        ],
    };

    [Fact]
    public async Task Batches_CreateRetrieveListResults_WorkWithOfficialSdk()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        var client = Client(emulator);

        var created = await client.Messages.Batches.Create(TwoRequests(), Ct);
        var retrieved = await client.Messages.Batches.Retrieve(created.ID, cancellationToken: Ct);
        var page = await client.Messages.Batches.List(new BatchListParams { Limit = 10 }, Ct);
        var results = new List<MessageBatchIndividualResponse>();
        await foreach (var item in client.Messages.Batches.ResultsStreaming(created.ID, cancellationToken: Ct))
        {
            results.Add(item);
        }

        Assert.StartsWith("msgbatch_", created.ID);
        Assert.Equal("ended", retrieved.ProcessingStatus.Raw());
        Assert.Equal(2, retrieved.RequestCounts.Succeeded);
        Assert.Contains(page.Items, b => b.ID == created.ID);
        Assert.Equal(["a", "b"], results.Select(r => r.CustomID).Order());
        Assert.All(results, r => Assert.True(r.Result.TryPickSucceeded(out _)));
    }

    [Fact]
    public async Task Cancel_RunningBatch_EndsWithCanceledResults()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromHours(1) }, Ct);
        var client = Client(emulator);

        var created = await client.Messages.Batches.Create(TwoRequests(), Ct);
        var canceling = await client.Messages.Batches.Cancel(created.ID, cancellationToken: Ct);
        var ended = await client.Messages.Batches.Retrieve(created.ID, cancellationToken: Ct);
        var results = new List<MessageBatchIndividualResponse>();
        await foreach (var item in client.Messages.Batches.ResultsStreaming(created.ID, cancellationToken: Ct))
        {
            results.Add(item);
        }

        Assert.Equal("canceling", canceling.ProcessingStatus.Raw());
        Assert.Equal("ended", ended.ProcessingStatus.Raw());
        Assert.Equal(2, ended.RequestCounts.Canceled);
        Assert.All(results, r => Assert.True(r.Result.TryPickCanceled(out _)));
    }

    [Fact]
    public async Task Create_WrongKey_ThrowsUnauthorized()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        var client = Client(emulator, "wrong-key");

        var error = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.Batches.Create(TwoRequests(), Ct));

        Assert.Equal(401, (int)error.StatusCode);
    }

    [Fact]
    public async Task Create_WithTransientFaults_SdkRetriesAndCreatesExactlyOneBatch()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { Seed = 3, Faults = { TransientFailureRate = 0.4 } }, Ct);
        var client = new AnthropicClient(new ClientOptions { ApiKey = emulator.ApiKey, BaseUrl = emulator.AnthropicBaseUrl.ToString(), MaxRetries = 8 });

        var created = await client.Messages.Batches.Create(TwoRequests(), Ct);
        var results = new List<MessageBatchIndividualResponse>();
        await foreach (var item in client.Messages.Batches.ResultsStreaming(created.ID, cancellationToken: Ct))
        {
            results.Add(item);
        }

        Assert.Single(emulator.CreatedBatches);
        Assert.Equal(created.ID, emulator.CreatedBatches[0].Id);
        Assert.Equal(2, results.Count);
    }
}
