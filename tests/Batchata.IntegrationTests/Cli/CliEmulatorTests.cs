using System.Text.RegularExpressions;

namespace Batchata.IntegrationTests.Cli;

/// <summary><c>batchata emulator</c>: prints the exports, serves until cancelled, exits 0.</summary>
public sealed partial class CliEmulatorTests
{
    [Fact]
    public async Task Emulator_PrintsExportsAndServesUntilStopped()
    {
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = Batchata.Cli.CliIo.Plain(new StringWriter());
        var run = Batchata.Cli.CliApp.RunAsync(["emulator", "--port", "0", "--latency", "1s", "--seed", "7", "--api-key", "test-key"], console, stdout, stderr, stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text;
        while (!(text = stdout.ToString()).Contains("API_KEY", StringComparison.Ordinal))
        {
            Assert.False(run.IsCompleted, stderr.ToString());
            Assert.True(DateTime.UtcNow < deadline, "no exports printed");
            await Task.Delay(50, ct);
        }

        var anthropic = BaseUrl().Match(text);
        Assert.True(anthropic.Success, text);
        Assert.Matches(@"export OPENAI_BASE_URL=http://127\.0\.0\.1:\d+/v1/", text);
        Assert.Contains("export GEMINI_BASE_URL=http://127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains("export ANTHROPIC_API_KEY=test-key OPENAI_API_KEY=test-key GEMINI_API_KEY=test-key", text, StringComparison.Ordinal);
        using (var http = new HttpClient())
        {
            using var response = await http.GetAsync(new Uri(new Uri(anthropic.Groups[1].Value), "_emulator/batches"), ct);
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30), ct));
        Assert.Contains("seed 7", stderr.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"export ANTHROPIC_BASE_URL=(http://127\.0\.0\.1:\d+/)")]
    private static partial Regex BaseUrl();
}
