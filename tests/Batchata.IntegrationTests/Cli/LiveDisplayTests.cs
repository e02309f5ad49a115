using Batchata.Cli;
using LiveDisplay = Batchata.Cli.Rendering.LiveDisplay;
using Spectre.Console;

namespace Batchata.IntegrationTests.Cli;

/// <summary>The progress display: the live view's content and the plain (non-interactive) lines.</summary>
public sealed class LiveDisplayTests
{
    private static BatchProgress Snapshot(int completed, string status) => new()
    {
        Status = new BatchStatus { Total = 4, Completed = completed, Running = 4 - completed, CostUsd = 0.0123m, CostLimitUsd = 5m, BatchesTotal = 1, BatchesDone = completed == 4 ? 1 : 0 },
        Batches = [new ProviderBatchProgress { Provider = "anthropic", Model = "claude-haiku-5-5", BatchId = "msgbatch_01", Status = status, Total = 4, Done = completed, CostUsd = 0.0123m, Elapsed = TimeSpan.FromSeconds(75) }],
        Elapsed = TimeSpan.FromSeconds(80),
        TimeLimit = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public void Render_ShowsJobsBatchesAndCostAgainstLimit()
    {
        var text = new StringWriter();
        var console = CliIo.Plain(text);
        console.Profile.Width = 160;

        console.Write(LiveDisplay.Render(Snapshot(2, "in_progress")));

        var output = text.ToString();
        Assert.Contains("Jobs", output, StringComparison.Ordinal);
        Assert.Contains("2/4 (50%)", output, StringComparison.Ordinal);
        Assert.Contains("msgbatch_01", output, StringComparison.Ordinal);
        Assert.Contains("in_progress", output, StringComparison.Ordinal);
        Assert.Contains("$0.0123", output, StringComparison.Ordinal);
        Assert.Contains("$5.00 limit", output, StringComparison.Ordinal);
        Assert.Contains("01:15", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_PrintsBatchChangesAndFinalLineWithoutEscapes()
    {
        var text = new StringWriter();
        using var display = new LiveDisplay(CliIo.Plain(text));
        Assert.False(display.IsLive);

        display.Report(Snapshot(0, "in_progress"));
        display.Report(Snapshot(0, "in_progress"));
        display.Report(Snapshot(4, "ended"));
        display.Stop();

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.Contains("msgbatch_01 (claude-haiku-5-5): in_progress", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("msgbatch_01 (claude-haiku-5-5): ended, 4/4 done", StringComparison.Ordinal));
        Assert.Contains("jobs 4/4", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TextStatusPrinter_WritesPlainLinesWithoutEscapes()
    {
        var text = new StringWriter();
        var printer = new TextStatusPrinter(text, TimeProvider.System);

        printer.Report(Snapshot(4, "ended"));

        Assert.Contains("jobs 4/4", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyBatches_ShowsInFlightFirstAndCountsTheRest()
    {
        var batches = Enumerable.Range(0, 40).Select(i => new ProviderBatchProgress
        {
            Provider = "openai", Model = "gpt-6-luna", BatchId = $"batch_{i:D3}", Status = i < 35 ? "completed" : "in_progress", Phase = i < 35 ? BatchPhase.Collected : BatchPhase.InFlight, Total = 10, Done = i < 35 ? 10 : 3,
        }).ToList();
        var progress = new BatchProgress { Status = new BatchStatus { Total = 400, Completed = 350, Running = 50, BatchesTotal = 40, BatchesDone = 35 }, Batches = batches };
        var text = new StringWriter();
        var console = CliIo.Plain(text);
        console.Profile.Width = 160;

        console.Write(LiveDisplay.Render(progress));

        var output = text.ToString();
        Assert.Contains("batch_039", output, StringComparison.Ordinal);
        Assert.DoesNotContain("batch_030", output, StringComparison.Ordinal);
        Assert.Contains("… and 28 more batches (28 finished)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PendingJobsHeldByTheJobsInFlightLimit_SaysWhyTheyWait()
    {
        var progress = new BatchProgress { Status = new BatchStatus { Total = 300, Running = 200, Pending = 100, BatchesTotal = 10 }, Batches = [], WaitingForJobsInFlightLimit = 200 };
        var text = new StringWriter();
        var console = CliIo.Plain(text);
        console.Profile.Width = 160;

        console.Write(LiveDisplay.Render(progress));

        Assert.Contains("waiting for batches to end (at most 200 jobs in flight, --max-jobs-in-flight): 100 jobs go as batches in flight end", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("waiting for batches to end (at most 200 jobs in flight)", TextStatusPrinter.StatusLine(progress), StringComparison.Ordinal);
    }
}
