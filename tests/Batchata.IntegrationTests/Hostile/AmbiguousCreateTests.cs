using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Batchata.IntegrationTests.Hostile;

/// <summary>
/// Issue 19, item 6: after a create whose outcome is unknown (a 500, or a 200 whose body cannot be read) the job says
/// that the batch may have been created and will be looked up by the next run, never "Nothing was paid".
/// </summary>
public sealed class AmbiguousCreateTests
{
    private const int Jobs = 3;

    [Fact]
    public async Task Run_CreateAnswers500_JobsSayTheBatchMayExistAndIsLookedUp()
    {
        await using var h = await EmulatorHarness.StartAsync(o =>
        {
            o.Faults.TransientFailureRate = 1.0;
            o.Faults.TransientStatus = 500;
            o.Faults.Endpoints = ["POST /v1/messages/batches"];
        });
        var batch = h.NewBatch(itemsPerBatch: Jobs).SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 30);
        AddJobs(batch);

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        AssertHonest(run);
    }

    [Fact]
    public async Task Run_CreateAnswersAnUnreadable200_JobsSayTheBatchMayExistAndIsLookedUp()
    {
        await using var h = await EmulatorHarness.StartAsync();
        using var garbage = new GarbageListener();
        var batch = h.NewBatch(itemsPerBatch: Jobs)
            .UseAnthropic(o => { o.ApiKey = h.Emulator.ApiKey; o.BaseUrl = garbage.BaseUrl; o.PollInterval = TimeSpan.FromSeconds(1); })
            .SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 30);
        AddJobs(batch);

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(garbage.Answered > 0);
        AssertHonest(run);
    }

    [Fact]
    public async Task Run_CreateRefusedWith400_JobsSayNothingWasPaid()
    {
        // The contrast: a 4xx proves the provider did not act on the request.
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch(itemsPerBatch: Jobs)
            .UseAnthropic(o => { o.ApiKey = "sk-ant-wrong-key-0000000000"; o.BaseUrl = h.Emulator.AnthropicBaseUrl; o.PollInterval = TimeSpan.FromSeconds(1); })
            .SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 30);
        AddJobs(batch);

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var failed = run.Results().Failed;
        Assert.Equal(Jobs, failed.Count);
        Assert.All(failed, r => Assert.Contains("Nothing was paid", r.Error, StringComparison.Ordinal));
        Assert.Empty(h.Emulator.CreatedBatches);
    }

    private static void AddJobs(Batch batch)
    {
        for (var i = 0; i < Jobs; i++)
        {
            batch.AddJob(prompt: $"Ambiguous {i}", id: $"a{i}");
        }
    }

    private static void AssertHonest(BatchRun run)
    {
        var failed = run.Results().Failed;
        Assert.Equal(Jobs, failed.Count);
        foreach (var result in failed)
        {
            Assert.Equal(JobFailureKind.NotSubmitted, result.FailureKind);
            Assert.DoesNotContain("Nothing was paid", result.Error, StringComparison.Ordinal);
            Assert.Contains("may have created the batch", result.Error, StringComparison.Ordinal);
            Assert.Contains("the next run looks it up before resubmitting anything", result.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>An HTTP server on 127.0.0.1 that answers every request with 200 and a body that is not JSON.</summary>
    private sealed class GarbageListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _answered;

        public GarbageListener()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public int Answered => Volatile.Read(ref _answered);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    _ = AnswerAsync(socket);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        private async Task AnswerAsync(Socket socket)
        {
            using (socket)
            {
                try
                {
                    using var stream = new NetworkStream(socket);
                    var received = new List<byte>();
                    var buffer = new byte[8192];
                    int headerEnd;
                    while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
                    {
                        var n = await stream.ReadAsync(buffer, _stop.Token);
                        if (n == 0)
                        {
                            return;
                        }

                        received.AddRange(buffer.AsSpan(0, n));
                    }

                    var headers = Encoding.ASCII.GetString([.. received.Take(headerEnd)]);
                    var length = headers.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                    while (received.Count < headerEnd + 4 + length)
                    {
                        var n = await stream.ReadAsync(buffer, _stop.Token);
                        if (n == 0)
                        {
                            return;
                        }

                        received.AddRange(buffer.AsSpan(0, n));
                    }

                    var body = "<html>upstream proxy hiccup"u8.ToArray();
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(head, _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                    Interlocked.Increment(ref _answered);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
                {
                }
            }
        }

        private static int IndexOfHeaderEnd(List<byte> bytes)
        {
            for (var i = 0; i + 3 < bytes.Count; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
