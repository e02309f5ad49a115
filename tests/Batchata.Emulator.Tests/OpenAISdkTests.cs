using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;
using OpenAI.Batch;
using OpenAI.Files;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

public sealed class OpenAISdkTests
{
    private static OpenAIClient Client(BatchEmulator emulator) =>
        new(new ApiKeyCredential(emulator.ApiKey), new OpenAIClientOptions { Endpoint = emulator.OpenAIBaseUrl, RetryPolicy = new ClientRetryPolicy(0) });

    internal static string Jsonl(int count, string model = "gpt-4.1-mini") => string.Join('\n', Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(new
    {
        custom_id = $"r{i}",
        method = "POST",
        url = "/v1/chat/completions",
        body = new { model, max_completion_tokens = 64, messages = new[] { new { role = "user", content = $"Question number {i} about cats" } } },
    })));

    private static BinaryContent CreateBody(string fileId) => BinaryContent.Create(BinaryData.FromObjectAsJson(new
    {
        input_file_id = fileId,
        endpoint = "/v1/chat/completions",
        completion_window = "24h",
        metadata = new Dictionary<string, string> { ["run"] = "t1" },
    }));

    [Fact]
    public async Task Batch_UploadCreateGetDownload_WorksWithOfficialSdk()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        var client = Client(emulator);
        var files = client.GetOpenAIFileClient();
        var batches = client.GetBatchClient();

        OpenAIFile file = await files.UploadFileAsync(BinaryData.FromString(Jsonl(3)), "batch.jsonl", FileUploadPurpose.Batch);
        var operation = await batches.CreateBatchAsync(CreateBody(file.Id), waitUntilCompleted: false, new RequestOptions { CancellationToken = Ct });
        var raw = await batches.GetBatchAsync(operation.BatchId, new RequestOptions { CancellationToken = Ct });
        using var batch = JsonDocument.Parse(raw.GetRawResponse().Content);
        var outputId = batch.RootElement.GetProperty("output_file_id").GetString()!;
        var output = await files.DownloadFileAsync(outputId, Ct);
        var lines = output.Value.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var listed = new List<BatchJob>();
        await foreach (var job in batches.GetBatchesAsync(new BatchCollectionOptions { PageSizeLimit = 10 }, Ct))
        {
            listed.Add(job);
        }

        OpenAIFile outputInfo = await files.GetFileAsync(outputId, Ct);

        Assert.StartsWith("file-", file.Id);
        Assert.Equal("completed", batch.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, batch.RootElement.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal("t1", batch.RootElement.GetProperty("metadata").GetProperty("run").GetString());
        Assert.Equal(JsonValueKind.Null, batch.RootElement.GetProperty("error_file_id").ValueKind);
        Assert.Equal(3, lines.Length);
        Assert.Equal(operation.BatchId, Assert.Single(listed).Id);
        Assert.Equal(output.Value.ToArray().Length, outputInfo.SizeInBytes);
        Assert.All(lines, l => Assert.Equal(200, JsonDocument.Parse(l).RootElement.GetProperty("response").GetProperty("status_code").GetInt32()));
    }

    [Fact]
    public async Task Cancel_RehydratedOperation_EndsCancelledWithErrorFile()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromHours(1) }, Ct);
        var client = Client(emulator);
        var files = client.GetOpenAIFileClient();
        var batches = client.GetBatchClient();
        OpenAIFile file = await files.UploadFileAsync(BinaryData.FromString(Jsonl(2)), "batch.jsonl", FileUploadPurpose.Batch);
        var created = await batches.CreateBatchAsync(CreateBody(file.Id), waitUntilCompleted: false, new RequestOptions { CancellationToken = Ct });

        var operation = await CreateBatchOperation.RehydrateAsync(batches, created.BatchId, Ct);
        var cancel = await operation.CancelAsync(new RequestOptions { CancellationToken = Ct });
        var raw = await batches.GetBatchAsync(created.BatchId, new RequestOptions { CancellationToken = Ct });
        using var batch = JsonDocument.Parse(raw.GetRawResponse().Content);
        var errors = await files.DownloadFileAsync(batch.RootElement.GetProperty("error_file_id").GetString()!, Ct);

        Assert.Equal("cancelling", JsonDocument.Parse(cancel.GetRawResponse().Content).RootElement.GetProperty("status").GetString());
        Assert.Equal("cancelled", batch.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, batch.RootElement.GetProperty("output_file_id").ValueKind);
        Assert.Contains("batch_cancelled", errors.Value.ToString());
    }
}
