using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Batchata.IntegrationTests.Hosting;

[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>
/// Issue 17: a run is visible to OpenTelemetry through an ActivitySource and a Meter named "Batchata". These tests run
/// alone (no other test's run reports meanwhile), so the measured counts are exactly this run's.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests
{
    private static readonly ActivitySource TestSource = new("Batchata.IntegrationTests");

    [Fact]
    public async Task Run_EmitsRunAndBatchSpansWithEvents()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is BatchataDiagnostics.ActivitySourceName or "Batchata.IntegrationTests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var h = await EmulatorHarness.StartAsync();
        await using var batch = h.NewBatch(itemsPerBatch: 10).SetDefaultParams(model: "claude-haiku-5-5");
        batch.AddJob(prompt: "one", id: "a");
        batch.AddJob(prompt: "two", id: "b");
        batch.AddJob(prompt: "three", id: "c", model: "gpt-6-luna");

        using (var root = TestSource.StartActivity("test"))
        {
            await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);
        }

        var test = Assert.Single(stopped, a => a.OperationName == "test");
        var mine = stopped.Where(a => a.TraceId == test.TraceId).ToList();
        var run = Assert.Single(mine, a => a.OperationName == "batchata.run");
        Assert.Equal(BatchataDiagnostics.ActivitySourceName, run.Source.Name);
        Assert.Equal(3, run.GetTagItem("batchata.jobs"));
        Assert.Equal(3, run.GetTagItem("batchata.jobs.completed"));
        var batches = mine.Where(a => a.OperationName == "batchata.batch").ToList();
        Assert.Equal(2, batches.Count);
        Assert.All(batches, b =>
        {
            Assert.Equal(run.SpanId, b.ParentSpanId);
            Assert.NotNull(b.GetTagItem("batchata.batch.id"));
            Assert.Equal(["create", "poll", "collect"], b.Events.Select(e => e.Name).Distinct());
            Assert.Contains(b.Events, e => e.Name == "poll" && e.Tags.Any(t => t.Key == "batchata.batch.status"));
        });
        Assert.Equal(["anthropic", "openai"], batches.Select(b => (string)b.GetTagItem("batchata.provider")!).Order());
        Assert.Contains(batches, b => (string?)b.GetTagItem("batchata.model") == "gpt-6-luna");
    }

    [Fact]
    public async Task Run_RecordsJobsTokensCostAndBatchesInFlight()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BatchataDiagnostics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();
        await using var h = await EmulatorHarness.StartAsync();
        await using var batch = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5");
        batch.AddJob(prompt: "one", id: "a");
        batch.AddJob(prompt: "two", id: "b");
        batch.AddJob(prompt: "bad [[emulator:error=invalid_request_error]]", id: "c");

        var result = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Status().Completed);
        double Sum(string name, params (string Key, object Value)[] where)
            => measurements.Where(m => m.Instrument == name && where.All(w => Equals(m.Tags.GetValueOrDefault(w.Key), w.Value))).Sum(m => m.Value);
        Assert.Equal(2, Sum("batchata.jobs", ("batchata.outcome", "completed"), ("batchata.provider", "anthropic"), ("batchata.model", "claude-haiku-5-5")));
        Assert.Equal(1, Sum("batchata.jobs", ("batchata.outcome", "failed")));
        Assert.True(Sum("batchata.tokens", ("batchata.token.type", "input"), ("batchata.provider", "anthropic")) > 0);
        Assert.True(Sum("batchata.tokens", ("batchata.token.type", "output"), ("batchata.model", "claude-haiku-5-5")) > 0);
        Assert.Equal((double)result.Status().CostUsd, Sum("batchata.cost", ("batchata.provider", "anthropic")), 9);
        var inFlight = measurements.Where(m => m.Instrument == "batchata.batches.in_flight").ToList();
        Assert.Contains(inFlight, m => m.Value == 1 && Equals(m.Tags["batchata.provider"], "anthropic"));
        Assert.Equal(0, inFlight.Sum(m => m.Value));
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
