using System.Diagnostics;
using System.Text;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

/// <summary>
/// Volume tests: the emulator takes a batch at the providers' full size and answers every request. Their speed is
/// reported as a diagnostic, not asserted (timings belong to bench/, where the machine is not shared with a test run).
/// </summary>
public sealed class PerformanceTests
{
    [Fact]
    public async Task Anthropic_HundredThousandRequests_CreateAndStreamResultsQuickly()
    {
        const int count = 100_000;
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        http.Timeout = TimeSpan.FromMinutes(5);
        var body = new StringBuilder("{\"requests\":[");
        for (var i = 0; i < count; i++)
        {
            body.Append(i == 0 ? "" : ",").Append("{\"custom_id\":\"r").Append(i)
                .Append("\",\"params\":{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Classify item ")
                .Append(i).Append(" as spam or ham\"}]}}");
        }

        body.Append("]}");
        var watch = Stopwatch.StartNew();

        using var created = await http.PostAsync("v1/messages/batches", new StringContent(body.ToString(), Encoding.UTF8, "application/json"), Ct);
        var id = (await ReadNodeAsync(created))!["id"]!.GetValue<string>();
        var createTime = watch.Elapsed;
        await using var stream = await http.GetStreamAsync($"v1/messages/batches/{id}/results", Ct);
        using var reader = new StreamReader(stream);
        var lines = 0;
        while (await reader.ReadLineAsync(Ct) is { } line)
        {
            lines += line.Length > 0 ? 1 : 0;
        }

        TestContext.Current.SendDiagnosticMessage($"100k: create {createTime.TotalMilliseconds:F0} ms, total {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(count, lines);
    }

    [Fact]
    public async Task OpenAI_FiftyThousandRequests_UploadCreateDownloadQuickly()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        http.Timeout = TimeSpan.FromMinutes(5);
        var watch = Stopwatch.StartNew();

        var batch = await OpenAIHttpTests.CreateAsync(http, OpenAISdkTests.Jsonl(50_000));
        var text = await http.GetStringAsync($"files/{batch["output_file_id"]}/content", Ct);

        Assert.Equal(50_000, text.Count(c => c == '\n'));
        TestContext.Current.SendDiagnosticMessage($"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Gemini_HundredThousandInlineRequests_CreateAndGetQuickly()
    {
        const int count = 100_000;
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = GeminiHttp(emulator);
        http.Timeout = TimeSpan.FromMinutes(5);
        var body = new StringBuilder("{\"batch\":{\"input_config\":{\"requests\":{\"requests\":[");
        for (var i = 0; i < count; i++)
        {
            body.Append(i == 0 ? "" : ",").Append("{\"request\":{\"contents\":[{\"parts\":[{\"text\":\"item ").Append(i)
                .Append("\"}]}]},\"metadata\":{\"key\":\"k").Append(i).Append("\"}}");
        }

        body.Append("]}}}}");
        var watch = Stopwatch.StartNew();

        using var created = await http.PostAsync("v1beta/models/gemini-2.5-flash:batchGenerateContent", new StringContent(body.ToString(), Encoding.UTF8, "application/json"), Ct);
        var node = await ReadNodeAsync(created);

        Assert.Equal(count, node!["response"]!["inlinedResponses"]!["inlinedResponses"]!.AsArray().Count);
        TestContext.Current.SendDiagnosticMessage($"took {watch.Elapsed}");
    }
}
