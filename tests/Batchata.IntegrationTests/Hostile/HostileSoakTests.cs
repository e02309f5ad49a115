using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Batchata.Emulator;
using static Batchata.IntegrationTests.Hostile.OneWriterTests;

namespace Batchata.IntegrationTests.Hostile;

/// <summary>
/// Issue 19, must-show 4: a bounded soak with every emulator fault kind on at once, through the real CLI process:
/// transient 429 (retry-after) / 500 / 503 / 529 and dropped connections, calls that stall (cut by a short
/// <c>--request-timeout</c>), lost create answers, per-request retryable errors, truncated result streams, batches
/// that expire part-way, empty OpenAI file ids, and every error echoing the API key. It ends with every job settled
/// exactly once, no batch created twice, nothing billed that is not in a result file, and a scan of every byte
/// written (results, state, raw files, stdout, stderr at debug verbosity) finding the key 0 times.
/// </summary>
public sealed class HostileSoakTests
{
    private const int Jobs = 240;

    [Fact]
    public async Task Cli_EveryFaultKindAtOnce_EveryJobSettledOnceNoBatchTwiceNoKeyWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        var options = new EmulatorOptions
        {
            ProcessingLatency = TimeSpan.FromSeconds(1),
            PerRequestLatency = TimeSpan.FromMilliseconds(100),
            Seed = 19,
        };
        var faults = options.Faults;
        faults.TransientFailureRate = 0.08;                       // 429 / 500 / 503 / 529 / aborted connections
        faults.RateLimitRetryAfter = TimeSpan.FromSeconds(1);     // 429s say retry-after: 1
        faults.StallRate = 0.01;                                  // accepted, never answered
        faults.LostCreateAnswerRate = 0.2;                        // created, answer dropped
        faults.RetryableRequestErrorRate = 0.05;                  // per-request errors inside batches
        faults.TruncateResultStreams = true;                      // first download of each stream cut mid-line
        faults.ExpireAfter = TimeSpan.FromSeconds(2.5);           // batches of 20 expire part-way
        faults.EchoKeyInErrors = true;                            // every error quotes the key
        faults.EmptyFileIds = true;                               // OpenAI "" for absent file ids
        await using var emulator = await BatchEmulator.StartAsync(options, ct);
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "jobs.jsonl");
        var models = new[] { "claude-haiku-5-5", "gpt-6-luna", "gemini-3.8-flash" };
        File.WriteAllLines(file, Enumerable.Range(0, Jobs).Select(i => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = $"soak-{i:D4}",
            ["prompt"] = $"Hostile soak item {i}.",
            ["model"] = models[i % models.Length],
            ["max_tokens"] = 40,
        })));
        string[] args =
        [
            "run", file, "--results-dir", dir.Results, "--items-per-batch", "20", "--max-parallel-batches", "6",
            "--poll-interval", "200ms", "--request-timeout", "2s", "--raw-files", "--verbosity", "debug", "--plain",
        ];

        // Two runs with every fault on (the second reconciles what the first left: ambiguous creates, say), then one
        // against a healthy provider with --retry-failed (jobs whose batch expired failed for good). A run may end
        // with failed jobs (exit 1); none may crash.
        var outputs = new List<string>();
        var exits = new List<int>();
        for (var pass = 0; pass < 3; pass++)
        {
            if (pass == 2)
            {
                faults.TransientFailureRate = 0;
                faults.StallRate = 0;
                faults.LostCreateAnswerRate = 0;
                faults.RetryableRequestErrorRate = 0;
                faults.ExpireAfter = null;
            }

            var run = CapturedRun.Start(emulator, dir.Path, pass == 2 ? [.. args, "--retry-failed"] : args);
            await run.WaitAsync(TimeSpan.FromSeconds(150));
            outputs.Add(run.Output);
            outputs.Add(run.Error);
            exits.Add(run.ExitCode);
            Assert.True(run.ExitCode is 0 or 1, $"pass {pass}: exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at Batchata.", run.Error, StringComparison.Ordinal);
        }

        // Every job settled exactly once: one result file each, with a final status.
        var files = Directory.GetFiles(dir.Results, "*.json");
        Assert.Equal(Jobs, files.Length);
        var byStatus = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        long input = 0, output = 0;
        var outputByProvider = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var result in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(result));
            var status = doc.RootElement.GetProperty("status").GetString()!;
            Assert.Contains(status, new[] { "completed", "failed", "cancelled" });
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            if (status != "completed")
            {
                failures.Add($"{Path.GetFileName(result)}: {doc.RootElement.GetProperty("error").GetString()}");
            }
            else
            {
                input += doc.RootElement.GetProperty("input_tokens").GetInt64();
                output += doc.RootElement.GetProperty("output_tokens").GetInt64();
                var provider = doc.RootElement.GetProperty("provider").GetString()!;
                outputByProvider[provider] = outputByProvider.GetValueOrDefault(provider) + doc.RootElement.GetProperty("output_tokens").GetInt64();
            }
        }

        // No batch created twice (each Batchata tag once at the provider), and nothing paid twice: the provider billed
        // exactly the answers that are in the result files.
        var created = emulator.CreatedBatches;
        var tags = created.Where(b => b.Metadata is not null && b.Metadata.ContainsKey("batchata_tag")).Select(b => b.Metadata!["batchata_tag"]).ToList();

        // The secret scan: every byte written under the run's directory (results, state and its WAL, raw files, the
        // jobs file) and every byte the processes printed.
        var key = Encoding.UTF8.GetBytes(emulator.ApiKey);
        var marker = "[REDACTED]"u8.ToArray();
        long scanned = 0, hits = 0, redacted = 0;
        var hitFiles = new List<string>();
        foreach (var path in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(path);
            scanned += bytes.Length;
            var n = Count(bytes, key);
            hits += n;
            redacted += Count(bytes, marker);
            if (n > 0)
            {
                hitFiles.Add(path);
            }
        }

        foreach (var text in outputs)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            scanned += bytes.Length;
            hits += Count(bytes, key);
            redacted += Count(bytes, marker);
        }

        var injected = emulator.InjectedFaults;
        var figures = $"hostile soak: {Jobs} jobs; {created.Count} provider batches created; runs exited {string.Join(", ", exits)}; "
            + $"statuses {string.Join(", ", byStatus.Select(kv => $"{kv.Key} {kv.Value}"))}; "
            + $"faults injected {injected.Values.Sum()} ({string.Join(", ", injected.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}); "
            + $"output tokens in results {string.Join(", ", outputByProvider.Select(kv => $"{kv.Key} {kv.Value}"))}; billed {string.Join(", ", created.GroupBy(b => b.Provider).Select(g => $"{g.Key} {g.Sum(b => b.OutputTokens)} ({string.Join("/", g.Select(b => b.Status))})"))}; "
            + $"bytes scanned {scanned:N0}; key hits {hits}; [REDACTED] found {redacted}; took {clock.Elapsed.TotalSeconds:0} s";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        Console.WriteLine(figures);

        Assert.True(exits[^1] == 0 && byStatus.GetValueOrDefault("completed") == Jobs, $"{figures}\n{string.Join("\n", failures.Take(10))}\n{outputs[^1]}");
        Assert.Equal(tags.Count, tags.Distinct().Count());

        // Gemini's expired batch returns no results (BATCH_STATE_EXPIRED), so what the emulator billed for its finished
        // requests can reach no file: that is the provider's expiry, not a payment Batchata made twice. Every other
        // batch billed exactly the answers in the result files.
        var billed = created.Where(b => !(b.Provider == "gemini" && b.Status == "BATCH_STATE_EXPIRED")).ToList();
        Assert.Equal(output, billed.Sum(b => b.OutputTokens));
        Assert.Equal(input, billed.Sum(b => b.InputTokens));
        Assert.True(hits == 0, $"the key was written {hits} times: {string.Join(", ", hitFiles)}");

        // Each kind is drawn by chance (a few per kind in a run of about 400 calls), so only the total and the
        // deterministic truncation are asserted; the figures above list every kind.
        Assert.True(injected.Values.Sum() >= 20, figures);
        Assert.True(injected.GetValueOrDefault("truncated_stream") > 0, figures);

        // The echoed key is on for every error here, but the soak's errors are retried and their bodies end in no file;
        // EchoedKeyTests proves the redaction on every error path. The figure above says how often "[REDACTED]" stayed.
    }

    private static int Count(byte[] haystack, byte[] needle)
    {
        var count = 0;
        var span = haystack.AsSpan();
        int at;
        while ((at = span.IndexOf(needle)) >= 0)
        {
            count++;
            span = span[(at + needle.Length)..];
        }

        return count;
    }
}
