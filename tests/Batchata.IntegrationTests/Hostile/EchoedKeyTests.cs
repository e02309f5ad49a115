using System.Text;

namespace Batchata.IntegrationTests.Hostile;

/// <summary>
/// Issue 19, item 4: a server that quotes the API key in its error answers (the emulator's echo mode) never gets the
/// key onto disk (results, state, raw files), into logs, progress or summary lines, or into job errors.
/// </summary>
public sealed class EchoedKeyTests
{
    private const string Key = "sk-FAKE-Echoed-Recognisable-Key-0123456789";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in new[] { "claude-haiku-5-5", "gpt-6-luna", "gemini-2.5-flash" })
        {
            foreach (var path in new[] { "wrong-key", "create-500", "poll-500", "request-error" })
            {
                data.Add(model, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_ServerEchoesTheKeyInEveryError_KeyReachesNothing(string model, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EmulatorHarness.StartAsync(o =>
        {
            o.ApiKey = path == "wrong-key" ? "the-emulator-only-accepts-this-one" : Key;
            o.Faults.EchoKeyInErrors = true;
            switch (path)
            {
                case "create-500":
                    o.Faults.TransientFailureRate = 1;
                    o.Faults.TransientStatus = 500;
                    o.Faults.Endpoints = ["POST /v1/messages/batches", "POST /v1/batches", "POST /v1/files", "POST /upload", "POST /v1beta/models"];
                    break;
                case "poll-500":
                    o.Faults.TransientFailureRate = 1;
                    o.Faults.TransientStatus = 500;
                    o.Faults.Endpoints = ["GET /v1/messages/batches/", "GET /v1/batches/", "GET /v1beta/batches/"];
                    break;
            }
        });
        var logs = new CapturingLoggerFactory();
        var batch = h.NewBatch(itemsPerBatch: 3)
            .UseAnthropic(o => o.ApiKey = Key).UseOpenAI(o => o.ApiKey = Key).UseGemini(o => o.ApiKey = Key)
            .SetDefaultParams(model: model, maxTokens: 30).RawFiles().SetVerbosity("debug").SetLoggerFactory(logs);
        batch.AddJob(prompt: "first", id: "a");
        batch.AddJob(prompt: path == "request-error" ? "second [[emulator:error=invalid_request_error]]" : "second", id: "b");
        var output = new StringBuilder();
        var progress = new SynchronousProgress(p => output.AppendLine(TextStatusPrinter.StatusLine(p)));

        var run = await h.RunAsync(batch, progress, ct);
        output.AppendLine(RunSummary.Format(run));
        var results = run.Results();
        foreach (var result in results.Completed.Concat(results.Failed).Concat(results.Cancelled))
        {
            output.AppendLine(result.Error);
            output.AppendLine(result.RawResponse);
        }

        if (path != "request-error")
        {
            // The error path was taken, the server quoted the key, and what reached the job says so without it.
            Assert.NotEmpty(results.Failed);
            Assert.Contains(SecretRedactor.Mask, output.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Key, output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, logs.Text, StringComparison.Ordinal);
        var keyBytes = Encoding.UTF8.GetBytes(Key);
        foreach (var file in Directory.GetFiles(h.Directory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file, ct);
            Assert.True(bytes.AsSpan().IndexOf(keyBytes) < 0, $"The key was found in {file}");
        }
    }
}
