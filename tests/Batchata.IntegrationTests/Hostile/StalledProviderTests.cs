using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Batchata.Emulator;
using static Batchata.IntegrationTests.Hostile.OneWriterTests;

namespace Batchata.IntegrationTests.Hostile;

/// <summary>
/// Issue 19, must-show 2: a provider that accepts and never answers, on create, poll or result download. The time
/// limit ends the run within its stated bound (limit + grace), Ctrl+C and SIGTERM end it within seconds, and the next
/// run against a working emulator finishes every job once.
/// </summary>
public sealed class StalledProviderTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int Jobs = 4;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var stall in new[] { "create", "poll", "results" })
        {
            foreach (var stop in new[] { "time-limit", "sigint", "sigterm" })
            {
                data.Add(stall, stop);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_ProviderStalls_StopsWithinItsBoundAndTheNextRunFinishesEveryJobOnce(string stall, string stop)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(1) };
        await using var emulator = await BatchEmulator.StartAsync(options, ct);
        using var silent = new SilentListener();
        using var dir = new TempDir();
        var file = dir.WriteJobs(Jobs, "claude-haiku-5-5");
        List<string> args = ["run", file, "--results-dir", dir.Results, "--items-per-batch", $"{Jobs}", "--poll-interval", "200ms", "--plain"];
        if (stop == "time-limit")
        {
            args.AddRange(["--time-limit", "30s", "--grace", "30s"]);
        }

        options.Faults.StalledEndpoints = stall switch
        {
            "poll" => ["GET /v1/messages/batches/"],
            "results" => ["GET */results"],
            _ => null,
        };
        var anthropic = stall == "create" ? silent.BaseUrl : emulator.AnthropicBaseUrl;

        var clock = Stopwatch.StartNew();
        var first = CapturedRun.Start(anthropic, emulator.OpenAIBaseUrl, emulator.GeminiBaseUrl, emulator.ApiKey, dir.Path, [.. args]);
        if (stop == "time-limit")
        {
            // Stated bound: the limit plus the grace period, plus generous room for starting a process on a loaded machine.
            await first.WaitAsync(TimeSpan.FromSeconds(30 + 30 + 60));
            Assert.True(first.ExitCode == 1, $"exit {first.ExitCode}\n{first.Output}\n{first.Error}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30 + 30 + 60), $"took {clock.Elapsed}");
        }
        else
        {
            // Wait until the call is stalled, then signal: the run must end within seconds.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(stall == "create" ? silent.Accepted > 0 : emulator.CreatedBatches.Count > 0))
            {
                Assert.True(DateTime.UtcNow < deadline, $"the stall point was not reached\n{first.Output}\n{first.Error}");
                await Task.Delay(50, ct);
            }

            await Task.Delay(stall == "results" ? 3000 : 1000, ct); // the batch ends after 1 s; the download then stalls
            var signalled = Stopwatch.StartNew();
            first.Signal(stop == "sigint" ? SigInt : SigTerm);
            await first.WaitAsync(TimeSpan.FromSeconds(45));
            Assert.True(first.ExitCode == 130, $"exit {first.ExitCode}\n{first.Output}\n{first.Error}");
            Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(45), $"took {signalled.Elapsed} after the signal");
        }

        Assert.DoesNotContain("   at ", first.Error, StringComparison.Ordinal);

        // The next run, against a provider that answers, finishes every job, and each was paid once.
        options.Faults.StalledEndpoints = null;
        var second = CapturedRun.Start(emulator, dir.Path, [.. args.Where(a => a is not ("--time-limit" or "30s" or "--grace"))]);
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

    /// <summary>A TCP listener on 127.0.0.1 that accepts connections and never answers.</summary>
    private sealed class SilentListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _held = [];
        private readonly CancellationTokenSource _stop = new();
        private int _accepted;

        public SilentListener()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public int Accepted => Volatile.Read(ref _accepted);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_held)
            {
                foreach (var socket in _held)
                {
                    socket.Dispose();
                }
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    lock (_held)
                    {
                        _held.Add(socket);
                    }

                    Interlocked.Increment(ref _accepted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
