using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Batchata.IntegrationTests.Cli;

/// <summary>The built CLI as a process: a live display under a pseudo-terminal, no escape codes when redirected.</summary>
public sealed partial class CliTerminalTests
{
    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "Batchata.Cli.dll");

    [Fact]
    public async Task Run_UnderPseudoTerminal_LiveDisplayEndsWithSummary()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/usr/bin/script"), "needs script(1) from util-linux");
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs);
        var command = $"dotnet '{CliDll}' run '{jobs}' --results-dir '{dir.Results}' --emulate --emulator-latency 2s --poll-interval 200ms";

        var (exit, output, _) = await RunAsync("/usr/bin/script", ["-qec", command, "/dev/null"], dir.Path);

        Assert.True(exit == 0, output);
        Assert.Contains("\u001b[", output, StringComparison.Ordinal);
        var plain = Ansi().Replace(output, "");
        Assert.Contains("Jobs", plain, StringComparison.Ordinal);
        Assert.Contains("4/4", plain, StringComparison.Ordinal);
        var summary = plain.LastIndexOf("Run complete: 4 jobs", StringComparison.Ordinal);
        Assert.True(summary > plain.LastIndexOf("Jobs ", StringComparison.Ordinal), plain);
        Assert.Equal(4, Directory.GetFiles(dir.Results, "*.json").Length);
    }

    [Fact]
    public async Task Run_Redirected_PrintsNoEscapeCodes()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..2]);

        var (exit, stdout, stderr) = await RunAsync("dotnet", [CliDll, "run", jobs, "--results-dir", dir.Results, "--emulate", "--emulator-latency", "1s", "--poll-interval", "200ms"], dir.Path);

        Assert.True(exit == 0, stdout + stderr);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stderr, StringComparison.Ordinal);
        Assert.Contains("jobs 2/2", stdout, StringComparison.Ordinal);
        Assert.Contains("Run complete: 2 jobs", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Sigint_StopsGracefullyWithExit130()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/bin/kill"), "needs kill(1)");
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[..2]);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { CliDll, "run", jobs, "--results-dir", dir.Results, "--emulate", "--emulator-latency", "5m", "--poll-interval", "100ms", "--plain" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            lock (stdout)
            {
                if (stdout.ToString().Contains("in_progress", StringComparison.Ordinal))
                {
                    break;
                }
            }

            Assert.False(process.HasExited, stderr.ToString());
            Assert.True(DateTime.UtcNow < deadline, "the run did not start its batches");
            await Task.Delay(100, ct);
        }

        using (var kill = Process.Start("/bin/kill", ["-s", "INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(ct);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 130, stdout.ToString() + stderr);
        Assert.Contains("Stopping… press Ctrl+C again to exit immediately", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("Run interrupted", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(dir.Results, "*.json").Length);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string[] args, string workingDirectory)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TERM"] = "xterm-256color";
        info.Environment["COLUMNS"] = "140";
        info.Environment["LINES"] = "40";
        info.Environment.Remove("NO_COLOR");
        using var process = Process.Start(info)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007")]
    private static partial Regex Ansi();
}
