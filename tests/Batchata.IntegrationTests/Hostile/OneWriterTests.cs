using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Batchata.Emulator;

namespace Batchata.IntegrationTests.Hostile;

/// <summary>Issue 19, must-show 1: one writer per results directory; a second process is refused at once and nothing is paid twice.</summary>
public sealed class OneWriterTests
{
    [Fact]
    public async Task Run_FiveProcessesOnOneDirectoryTenTrials_ExactlyOneRunsOthersExitTwoEveryJobPaidOnce()
    {
        // The batches take 8 s, so the winner holds the lock long after the other four have started and been refused.
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(8) }, TestContext.Current.CancellationToken);
        const int jobs = 10;
        for (var trial = 0; trial < 10; trial++)
        {
            using var dir = new TempDir();
            var file = dir.WriteJobs(jobs, "claude-haiku-5-5");
            var before = emulator.CreatedBatches.Count;
            string[] args = ["run", file, "--results-dir", dir.Results, "--items-per-batch", "5", "--poll-interval", "200ms", "--plain"];

            var runs = Enumerable.Range(0, 5).Select(_ => CapturedRun.Start(emulator, dir.Path, args)).ToList();
            await Task.WhenAll(runs.Select(r => r.WaitAsync(TimeSpan.FromSeconds(120))));

            var winners = runs.Where(r => r.ExitCode == 0).ToList();
            var refused = runs.Where(r => r.ExitCode == 2).ToList();
            Assert.True(winners.Count == 1, $"trial {trial}: exit codes {string.Join(",", runs.Select(r => r.ExitCode))}\n{string.Join("\n---\n", runs.Select(r => r.Error))}");
            Assert.Equal(4, refused.Count);
            foreach (var loser in refused)
            {
                Assert.Contains("Another batchata process is using this run", loser.Error, StringComparison.Ordinal);
                Assert.Matches(@"pid \d+, started \d{4}-\d\d-\d\d", loser.Error);
                Assert.DoesNotContain("   at ", loser.Error, StringComparison.Ordinal);

                // Refused at once: while the winner was still waiting for its batches.
                Assert.True(loser.ExitedAt < winners[0].ExitedAt, $"trial {trial}: a refused process outlived the run");
            }

            // Every job paid once: two batches of five, each custom id submitted once, every result completed.
            var created = emulator.CreatedBatches.Skip(before).ToList();
            Assert.Equal(2, created.Count);
            var ids = created.SelectMany(b => b.CustomIds).ToList();
            Assert.Equal(jobs, ids.Count);
            Assert.Equal(jobs, ids.Distinct().Count());
            var results = Directory.GetFiles(dir.Results, "*.json");
            Assert.Equal(jobs, results.Length);
            foreach (var result in results)
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(result));
                Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());
            }
        }
    }

    [Fact]
    public async Task Cancel_WhileARunHoldsTheLock_OnlyAsksTheProviderAndNamesTheRunWhichRecordsIt()
    {
        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromMinutes(5) }, TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var file = dir.WriteJobs(4, "claude-haiku-5-5");
        var run = CapturedRun.Start(emulator, dir.Path, "run", file, "--results-dir", dir.Results, "--items-per-batch", "4", "--poll-interval", "200ms", "--plain");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (emulator.CreatedBatches.Count == 0 || !File.Exists(RunLock.PathForResults(dir.Results) + ".owner"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the run did not create its batch in time");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Task.Delay(500, TestContext.Current.CancellationToken); // the batch id is recorded right after the create answers
        var status = CapturedRun.Start(emulator, dir.Path, "status", "--results-dir", dir.Results);
        await status.WaitAsync(TimeSpan.FromSeconds(60));
        var cancel = CapturedRun.Start(emulator, dir.Path, "cancel", "--results-dir", dir.Results);
        await cancel.WaitAsync(TimeSpan.FromSeconds(60));
        await run.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, cancel.ExitCode);
        Assert.Contains($"A run is in progress (held by pid {run.Pid}", cancel.Output, StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
        var batch = Assert.Single(emulator.CreatedBatches);
        Assert.True(batch.CancelRequested);
        Assert.Equal(4, Directory.GetFiles(dir.Results, "*.json").Length);
    }

    /// <summary>A CLI process whose output is captured and whose exit time is noted.</summary>
    internal sealed class CapturedRun
    {
        private readonly Process _process;
        private readonly StringBuilder _out = new();
        private readonly StringBuilder _err = new();

        private CapturedRun(Process process) => _process = process;

        public int ExitCode => _process.ExitCode;

        public DateTime ExitedAt { get; private set; }

        public string Output { get { lock (_out) { return _out.ToString(); } } }

        public string Error { get { lock (_err) { return _err.ToString(); } } }

        public static CapturedRun Start(BatchEmulator emulator, string workingDirectory, params string[] args)
            => Start(emulator.AnthropicBaseUrl, emulator.OpenAIBaseUrl, emulator.GeminiBaseUrl, emulator.ApiKey, workingDirectory, args);

        public static CapturedRun Start(Uri anthropic, Uri openai, Uri gemini, string key, string workingDirectory, params string[] args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(CliProcess.CliDll);
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["ANTHROPIC_BASE_URL"] = anthropic.ToString();
            info.Environment["OPENAI_BASE_URL"] = openai.ToString();
            info.Environment["GEMINI_BASE_URL"] = gemini.ToString();
            info.Environment["ANTHROPIC_API_KEY"] = key;
            info.Environment["OPENAI_API_KEY"] = key;
            info.Environment["GEMINI_API_KEY"] = key;
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            var run = new CapturedRun(process);
            process.OutputDataReceived += (_, e) => { lock (run._out) { run._out.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (run._err) { run._err.AppendLine(e.Data); } };
            process.Exited += (_, _) => run.ExitedAt = DateTime.UtcNow;
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return run;
        }

        public int Pid => _process.Id;

        public void Signal(int signal) => _ = Kill(_process.Id, signal);

        public async Task WaitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The CLI did not exit within {timeout}.\n{Output}\n{Error}");
            }

            // Exited fires on a pool thread; WaitForExitAsync also drains the output.
            if (ExitedAt == default)
            {
                ExitedAt = DateTime.UtcNow;
            }
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);
    }
}
