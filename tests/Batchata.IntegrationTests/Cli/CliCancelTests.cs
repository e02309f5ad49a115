using System.Text.Json;
using Batchata.Emulator;

namespace Batchata.IntegrationTests.Cli;

/// <summary><c>batchata cancel</c> against a standalone emulator configured through a .env file.</summary>
public sealed class CliCancelTests
{
    [Fact]
    public async Task Cancel_InFlightRun_CancelsProviderBatchesAndRunEndsCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromMinutes(5) }, ct);
        using var dir = new TempDir();
        var dotEnv = Path.Combine(dir.Path, ".env");
        File.WriteAllLines(dotEnv, [$"ANTHROPIC_BASE_URL={emulator.AnthropicBaseUrl}", $"ANTHROPIC_API_KEY={emulator.ApiKey}"]);
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..2]);
        var run = CliRunner.RunAsync(dotEnv, ct, "run", jobs, "--results-dir", dir.Results, "--poll-interval", "100ms", "--items-per-batch", "2");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(run.IsCompleted, run.IsCompleted ? (await run).ToString() : "");
            Assert.True(DateTime.UtcNow < deadline, "the run did not submit its batch in time");
            if (File.Exists(Path.Combine(dir.Results, ".batchata", "state.db")))
            {
                var status = await CliRunner.RunAsync("status", "--results-dir", dir.Results, "--json");
                using var doc = JsonDocument.Parse(status.Stdout);
                if (doc.RootElement.GetProperty("in_flight").EnumerateArray().Any(b => b.GetProperty("batch_id").ValueKind == JsonValueKind.String))
                {
                    Assert.Contains("anthropic", status.Stdout, StringComparison.Ordinal);
                    break;
                }
            }

            await Task.Delay(100, ct);
        }

        var cancel = await CliRunner.RunAsync(dotEnv, ct, "cancel", "--results-dir", dir.Results);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Contains("Cancel requested", cancel.Console, StringComparison.Ordinal);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("2 cancelled", result.Console, StringComparison.Ordinal);
        Assert.Single(emulator.CreatedBatches);
    }
}
