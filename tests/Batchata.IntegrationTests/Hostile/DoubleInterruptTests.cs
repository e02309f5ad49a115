using System.Text.Json;
using Batchata.Emulator;
using static Batchata.IntegrationTests.Hostile.OneWriterTests;

namespace Batchata.IntegrationTests.Hostile;

/// <summary>
/// Issue 19, item 6: a double Ctrl+C (the second press exits at once) leaves state that ONE more run finishes: every
/// job completed, and nothing paid twice (the tokens the provider billed are exactly those in the result files).
/// </summary>
public sealed class DoubleInterruptTests
{
    private const int SigInt = 2;
    private const int Jobs = 6;

    [Theory]
    [InlineData("second-press-at-once")]
    [InlineData("second-press-after-the-cancel-was-sent")]
    public async Task Run_CtrlCTwice_OneMoreRunCompletesEveryJobEachPaidOnce(string when)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(20) };
        await using var emulator = await BatchEmulator.StartAsync(options, ct);
        using var dir = new TempDir();
        var file = dir.WriteJobs(Jobs, "claude-haiku-5-5");
        string[] args = ["run", file, "--results-dir", dir.Results, "--items-per-batch", "3", "--poll-interval", "200ms", "--plain"];

        var first = CapturedRun.Start(emulator, dir.Path, args);
        await WaitUntilAsync(() => emulator.CreatedBatches.Count == 2, first, ct);
        await Task.Delay(8000, ct); // the first request of each batch finishes (and is billed) before the stop
        first.Signal(SigInt);
        if (when == "second-press-at-once")
        {
            await Task.Delay(50, ct);
        }
        else
        {
            await WaitUntilAsync(() => emulator.CreatedBatches.Any(b => b.CancelRequested), first, ct);
        }

        first.Signal(SigInt);
        await first.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(first.ExitCode == 130, $"exit {first.ExitCode}\n{first.Output}\n{first.Error}");

        // One more run finishes everything.
        options.ProcessingLatency = TimeSpan.FromSeconds(1);
        var second = CapturedRun.Start(emulator, dir.Path, args);
        await second.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}\n{second.Output}\n{second.Error}\n--- first\n{first.Output}\n{first.Error}");

        var files = Directory.GetFiles(dir.Results, "*.json");
        Assert.Equal(Jobs, files.Length);
        long input = 0, output = 0;
        foreach (var result in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(result));
            Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());
            input += doc.RootElement.GetProperty("input_tokens").GetInt64();
            output += doc.RootElement.GetProperty("output_tokens").GetInt64();
        }

        // Paid once: the provider billed exactly the answers that are in the result files, no more; the requests billed
        // before the stop were collected, not submitted again.
        Assert.True(emulator.CreatedBatches.Take(2).Sum(b => b.OutputTokens) > 0, "nothing had run before the stop");
        Assert.Equal(output, emulator.CreatedBatches.Sum(b => b.OutputTokens));
        Assert.Equal(input, emulator.CreatedBatches.Sum(b => b.InputTokens));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CapturedRun run, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the point was not reached\n{run.Output}\n{run.Error}");
            await Task.Delay(20, ct);
        }
    }
}
