using System.Text;
using Batchata.Emulator;

namespace Batchata.IntegrationTests.Reliability;

/// <summary>Issue 7: an API key never reaches any file, log or message.</summary>
public sealed class SecretsTests
{
    private const string Key = "sk-ant-FAKE-Recognisable-Key-0123456789abcdef";

    [Fact]
    public async Task Run_WithRecognisableKey_KeyAppearsNowhere()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ApiKey = Key);
        var logs = new CapturingLoggerFactory();
        var batch = h.NewBatch(itemsPerBatch: 2).SetDefaultParams(model: "claude-haiku-5-5").RawFiles().SetVerbosity("debug").SetLoggerFactory(logs);
        batch.AddJob(prompt: "first", id: "a");
        batch.AddJob(prompt: "second [[emulator:error=invalid_request_error]]", id: "b");
        batch.AddJob(prompt: "third", id: "c");
        var output = new StringBuilder();
        var progress = new SynchronousProgress(p => output.AppendLine(TextStatusPrinter.StatusLine(p)));

        var run = await h.RunAsync(batch, progress, TestContext.Current.CancellationToken);
        output.AppendLine(RunSummary.Format(run));

        Assert.Equal(2, run.Results().Completed.Count);
        var files = Directory.GetFiles(h.Directory, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("state.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("raw_files", StringComparison.Ordinal));
        var keyBytes = Encoding.UTF8.GetBytes(Key);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            Assert.True(bytes.AsSpan().IndexOf(keyBytes) < 0, $"The key was found in {file}");
        }

        Assert.DoesNotContain(Key, logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, output.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(logs.Lines);
    }

    [Fact]
    public async Task Run_WrongKey_ClearErrorNothingLostAndResumable()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ApiKey = "the-right-key");
        var logs = new CapturingLoggerFactory();
        const string wrongKey = "sk-wrong-Recognisable-0000";
        var batch = new Batch(h.ResultsDir)
            .UseAnthropic(o => { o.ApiKey = wrongKey; o.BaseUrl = h.Emulator.AnthropicBaseUrl; o.PollInterval = TimeSpan.FromSeconds(1); })
            .SetTimeProvider(h.Time!)
            .SetDefaultParams(model: "claude-haiku-5-5")
            .SetLoggerFactory(logs);
        batch.EnvironmentVariables = _ => null;
        batch.AddJob(prompt: "one", id: "one").AddJob(prompt: "two", id: "two");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var failed = run.Results().Failed;
        Assert.Equal(2, failed.Count);
        Assert.All(failed, r =>
        {
            Assert.Equal(JobFailureKind.NotSubmitted, r.FailureKind);
            Assert.Contains("401", r.Error);
            Assert.Contains("API key", r.Error);
            Assert.DoesNotContain(wrongKey, r.Error, StringComparison.Ordinal);
        });
        Assert.Empty(h.Emulator.CreatedBatches);
        Assert.DoesNotContain(wrongKey, logs.Text, StringComparison.Ordinal);

        // Nothing lost: the same run with the right key submits the jobs (they never reached the provider).
        var again = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5");
        again.AddJob(prompt: "one", id: "one").AddJob(prompt: "two", id: "two");
        var second = await h.RunAsync(again, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, second.Results().Completed.Count);
        Assert.Equal(2, h.Emulator.CreatedBatches.Sum(b => b.RequestCount));
    }
}
