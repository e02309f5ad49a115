using System.Diagnostics;
using Batchata.Emulator;

namespace Batchata.IntegrationTests;

/// <summary>Starts the built <c>batchata</c> CLI as a separate process pointed at an emulator (for crash tests).</summary>
public static class CliProcess
{
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "Batchata.Cli.dll");

    public static Process Start(BatchEmulator emulator, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ANTHROPIC_BASE_URL"] = emulator.AnthropicBaseUrl.ToString();
        info.Environment["OPENAI_BASE_URL"] = emulator.OpenAIBaseUrl.ToString();
        info.Environment["GEMINI_BASE_URL"] = emulator.GeminiBaseUrl.ToString();
        info.Environment["ANTHROPIC_API_KEY"] = emulator.ApiKey;
        info.Environment["OPENAI_API_KEY"] = emulator.ApiKey;
        info.Environment["GEMINI_API_KEY"] = emulator.ApiKey;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<int> RunToEndAsync(BatchEmulator emulator, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var process = Start(emulator, workingDirectory, args);
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, then kills the process with SIGKILL.</summary>
    public static async Task KillWhenAsync(Process process, Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The CLI exited ({process.ExitCode}) before the kill point was reached.");
            }

            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The kill point was not reached in time.");
            }

            await Task.Delay(5);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}
