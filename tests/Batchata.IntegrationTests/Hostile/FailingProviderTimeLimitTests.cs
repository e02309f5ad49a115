using System.Diagnostics;
using System.Text.Json;
using Batchata.Emulator;
using static Batchata.IntegrationTests.Hostile.OneWriterTests;

namespace Batchata.IntegrationTests.Hostile;

/// <summary>
/// Issue 19, item 5: retries stop at the time limit. With 429 and <c>retry-after: 5</c> on every call, or 500 on every
/// poll, <c>--time-limit</c> still ends the run within the limit plus the grace period (with the CLI's default retry
/// settings, as a user runs it), and the next run against a healthy provider finishes every job once.
/// </summary>
public sealed class FailingProviderTimeLimitTests
{
    private const int Jobs = 4;
    private const int LimitSeconds = 20;
    private const int GraceSeconds = 15;

    // Room for starting a .NET process on a loaded 2-core machine; the bound under test is the limit plus the grace.
    private const int StartupSlackSeconds = 30;

    [Theory]
    [InlineData("429-every-call")]
    [InlineData("500-every-poll")]
    public async Task Run_ProviderFailsEveryCall_EndsWithinTheLimitPlusGraceAndTheNextRunFinishesEveryJobOnce(string fault)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(1) };
        await using var emulator = await BatchEmulator.StartAsync(options, ct);
        using var dir = new TempDir();
        var file = dir.WriteJobs(Jobs, "claude-haiku-5-5");
        string[] args = ["run", file, "--results-dir", dir.Results, "--items-per-batch", $"{Jobs}", "--poll-interval", "1s", "--plain"];
        options.Faults.TransientFailureRate = 1.0;
        if (fault == "429-every-call")
        {
            options.Faults.TransientStatus = 429;
            options.Faults.RateLimitRetryAfter = TimeSpan.FromSeconds(5);
        }
        else
        {
            options.Faults.TransientStatus = 500;
            options.Faults.Endpoints = ["GET /v1/messages/batches/"];
        }

        var clock = Stopwatch.StartNew();
        var first = CapturedRun.Start(emulator, dir.Path, [.. args, "--time-limit", $"{LimitSeconds}s", "--grace", $"{GraceSeconds}s"]);
        var bound = TimeSpan.FromSeconds(LimitSeconds + GraceSeconds + StartupSlackSeconds);
        await first.WaitAsync(bound + TimeSpan.FromSeconds(60));
        var took = first.ExitedAt - (DateTime.UtcNow - clock.Elapsed);
        Assert.True(took < bound, $"took {took}, bound {bound}\n{first.Output}\n{first.Error}");
        Assert.True(first.ExitCode == 1, $"exit {first.ExitCode}\n{first.Output}\n{first.Error}");
        Assert.DoesNotContain("   at ", first.Error, StringComparison.Ordinal);
        Assert.True(emulator.InjectedFaults.Values.Sum() > 0, "no fault was injected");

        // The next run, against a provider that answers, finishes every job, and each was paid once.
        options.Faults.TransientFailureRate = 0;
        var second = CapturedRun.Start(emulator, dir.Path, args);
        await second.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}\n{second.Output}\n{second.Error}");
        var submitted = emulator.CreatedBatches.SelectMany(b => b.CustomIds).ToList();
        Assert.Equal(Jobs, submitted.Count);
        Assert.Equal(Jobs, submitted.Distinct().Count());
        var files = Directory.GetFiles(dir.Results, "*.json");
        Assert.Equal(Jobs, files.Length);
        foreach (var result in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(result));
            Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());
        }
    }
}
