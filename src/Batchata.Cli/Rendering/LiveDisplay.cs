using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Batchata.Cli.Rendering;

/// <summary>
/// Shows the progress of a run. On an interactive terminal it is a Spectre.Console live view (a jobs bar,
/// one line per provider batch with status, done/total, cost and elapsed, and the total cost against the
/// limit), redrawn four times a second. Otherwise (redirected output, <c>--plain</c>) it prints a plain line
/// when a provider batch changes and a status line every few seconds, with no escape codes (the library's
/// <see cref="TextStatusPrinter"/>).
/// </summary>
/// <remarks><see cref="Report"/> may be called from any thread; <see cref="Stop"/> ends the live view.</remarks>
internal sealed class LiveDisplay : IProgress<BatchProgress>, IDisposable
{
    private const int MaxBatchLines = 12;
    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TextStatusPrinter? _plain;
    private BatchProgress? _latest;
    private Task? _loop;
    private bool _stopped;
    private int _frame;

    public LiveDisplay(IAnsiConsole console, TimeProvider? time = null, bool? live = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
        _time = time ?? TimeProvider.System;
        IsLive = live ?? (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi);
        _plain = IsLive ? null : new TextStatusPrinter(console.Profile.Out.Writer, _time);
    }

    /// <summary>Gets a value indicating whether this display redraws in place (interactive terminal).</summary>
    public bool IsLive { get; }

    public void Report(BatchProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _latest = value;
            if (IsLive)
            {
                _loop ??= Task.Run(LoopAsync);
                return;
            }

            _plain!.Report(value);
        }
    }

    /// <summary>Stops the display: the live view draws its last frame and ends; the plain view prints the last status line.</summary>
    public void Stop()
    {
        Task? loop;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            loop = _loop;
            _plain?.Flush();
        }

        _stop.Cancel();
        loop?.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    /// <summary>Builds the live view of one snapshot.</summary>
    internal static IRenderable Render(BatchProgress? progress, int frame = 0)
    {
        if (progress is null)
        {
            return new Markup("[grey]Preparing batches…[/]");
        }

        var s = progress.Status;
        var ended = s.Completed + s.Failed + s.Cancelled;
        var percent = s.Total == 0 ? 100 : ended * 100 / s.Total;
        var spin = s.IsComplete ? "[green]✓[/]" : $"[blue]{Spinner[frame % Spinner.Length]}[/]";
        var counts = new List<string> { Invariant($"[green]{s.Completed} completed[/]") };
        AddCount(counts, s.Failed, "red", "failed");
        AddCount(counts, s.Cancelled, "yellow", "cancelled");
        AddCount(counts, s.Running, "blue", "running");
        AddCount(counts, s.Pending, "grey", "pending");
        var header = new Markup(Invariant($"{spin} [bold]Jobs[/] {Bar(s, 30)} {ended}/{s.Total} ({percent}%)  {string.Join("  ", counts)}"));

        var table = new Table().Border(TableBorder.None).HideHeaders();
        table.AddColumn(Column()).AddColumn(Column()).AddColumn(Column()).AddColumn(Column())
            .AddColumn(Column().RightAligned()).AddColumn(Column().RightAligned()).AddColumn(Column().RightAligned());
        // In-flight batches first; a run with hundreds of batches shows the most relevant ones and a count.
        var shown = progress.Batches.OrderBy(b => b.IsFinished ? 1 : 0).Take(MaxBatchLines).ToList();
        foreach (var b in shown)
        {
            table.AddRow(
                "  " + Markup.Escape(b.Provider),
                Markup.Escape(b.Model),
                Markup.Escape(ShortId(b.BatchId)),
                StatusMarkup(b),
                Invariant($"{b.Done}/{b.Total}"),
                Invariant($"${b.CostUsd:0.0000}"),
                Clock(b.Elapsed));
        }

        var rows = new List<IRenderable> { header };
        if (progress.Batches.Count > 0)
        {
            rows.Add(table);
        }

        if (progress.Batches.Count > shown.Count)
        {
            var hidden = progress.Batches.Except(shown).ToList();
            rows.Add(new Markup(Invariant($"  [grey]… and {hidden.Count} more batches ({hidden.Count(b => b.IsFinished)} finished)[/]")));
        }

        if (progress.WaitingForProviderQueue.Count > 0 && s.Pending > 0)
        {
            rows.Add(new Markup(Invariant($"  [yellow]waiting for provider queue[/] ({Markup.Escape(string.Join(", ", progress.WaitingForProviderQueue))}): {s.Pending} jobs go as batches in flight end")));
        }

        if (progress.WaitingForJobsInFlightLimit is { } jobLimit && s.Pending > 0)
        {
            rows.Add(new Markup(Invariant($"  [yellow]waiting for batches to end[/] (at most {jobLimit:N0} jobs in flight, --max-jobs-in-flight): {s.Pending} jobs go as batches in flight end")));
        }

        rows.Add(new Markup(Footer(progress)));
        return new Rows(rows);
    }

    private async Task LoopAsync()
    {
        try
        {
            await RunLiveAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ObjectDisposedException)
        {
            // The display must never fail the run: another exclusive display or a closed terminal ends it quietly.
        }
    }

    private async Task RunLiveAsync()
    {
        await _console.Live(Render(Snapshot(), 0)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async ctx =>
        {
            while (!_stop.IsCancellationRequested)
            {
                ctx.UpdateTarget(Render(Snapshot(), Interlocked.Increment(ref _frame)));
                ctx.Refresh();
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), _time, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            ctx.UpdateTarget(Render(Snapshot(), _frame));
            ctx.Refresh();
        }).ConfigureAwait(false);
    }

    private BatchProgress? Snapshot()
    {
        lock (_gate)
        {
            return _latest;
        }
    }

    private static string Footer(BatchProgress p)
    {
        var s = p.Status;
        var cost = Invariant($"[bold]Cost[/] ${s.CostUsd:0.0000}");
        if (s.ReservedUsd > 0)
        {
            cost += Invariant($" [grey](+${s.ReservedUsd:0.0000} reserved)[/]");
        }

        if (s.CostLimitUsd is { } limit)
        {
            var colour = s.CostUsd + s.ReservedUsd > limit * 0.9m ? "red" : "green";
            cost += Invariant($" of [{colour}]${limit:0.00##} limit[/]");
        }

        var time = Invariant($"[bold]Elapsed[/] {Clock(p.Elapsed)}");
        if (p.TimeLimit is { } tl)
        {
            time += Invariant($" of {Clock(tl)} limit");
        }

        return Invariant($"{cost} │ {time} │ [bold]Batches[/] {s.BatchesDone}/{s.BatchesTotal}");
    }

    private static TableColumn Column() => new TableColumn("").NoWrap().PadLeft(0).PadRight(1);

    private static void AddCount(List<string> counts, int count, string colour, string label)
    {
        if (count > 0)
        {
            counts.Add(Invariant($"[{colour}]{count} {label}[/]"));
        }
    }

    /// <summary>Shortens a provider batch id to its distinctive tail (ids are long and share prefixes).</summary>
    private static string ShortId(string? id)
        => id is null ? "(creating)" : id.Length <= 14 ? id : "…" + id[^13..];

    private static string StatusMarkup(ProviderBatchProgress batch)
    {
        var colour = batch.Phase switch
        {
            BatchPhase.Collected or BatchPhase.Ended => "green",
            BatchPhase.Failed or BatchPhase.Expired => "red",
            BatchPhase.Cancelling => "yellow",
            BatchPhase.Planned or BatchPhase.Creating => "grey",
            _ => "blue",
        };
        return $"[{colour}]{Markup.Escape(batch.Status)}[/]";
    }

    private static string Bar(BatchStatus s, int width)
    {
        int[] counts = [s.Completed, s.Failed, s.Cancelled, s.Running, s.Pending];
        string[] colours = ["green", "red", "yellow", "blue", "grey"];
        var sum = counts.Sum();
        if (sum == 0)
        {
            return $"[grey]{new string('━', width)}[/]";
        }

        var cells = counts.Select(c => c * width / sum).ToArray();
        var missing = width - cells.Sum();
        for (var i = 0; missing > 0; i = (i + 1) % cells.Length)
        {
            if (counts[i] > 0)
            {
                cells[i]++;
                missing--;
            }
        }

        var text = new System.Text.StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{colours[i]}]{new string('━', cells[i])}[/]");
            }
        }

        return text.ToString();
    }

    private static string Clock(TimeSpan t)
        => t.TotalHours >= 1 ? Invariant($"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}") : Invariant($"{t.Minutes:00}:{t.Seconds:00}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
