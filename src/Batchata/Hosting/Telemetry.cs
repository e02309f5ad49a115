using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Batchata;

/// <summary>Batchata's <see cref="ActivitySource"/> and <see cref="Meter"/> (names in <see cref="BatchataDiagnostics"/>).</summary>
internal static class Telemetry
{
    public const string ProviderTag = "batchata.provider";
    public const string ModelTag = "batchata.model";
    public const string OutcomeTag = "batchata.outcome";
    public const string TokenTypeTag = "batchata.token.type";
    public const string BatchIdTag = "batchata.batch.id";

    private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(BatchataDiagnostics.ActivitySourceName, Version);

    public static readonly Meter Meter = new(BatchataDiagnostics.MeterName, Version);

    public static readonly Counter<long> Jobs = Meter.CreateCounter<long>("batchata.jobs", "{job}", "Jobs ended, by provider, model and outcome (completed, failed, cancelled).");

    public static readonly Counter<long> Tokens = Meter.CreateCounter<long>("batchata.tokens", "{token}", "Tokens used by ended jobs, by provider, model and token type (input, output).");

    public static readonly Counter<double> Cost = Meter.CreateCounter<double>("batchata.cost", "USD", "Cost of ended jobs at batch prices, by provider and model.");

    public static readonly UpDownCounter<long> BatchesInFlight = Meter.CreateUpDownCounter<long>("batchata.batches.in_flight", "{batch}", "Provider batches created and not yet collected, by provider.");

    /// <summary>Counts one ended job: outcome, tokens and cost.</summary>
    public static void JobEnded(string provider, string model, JobStatus status, long inputTokens, long outputTokens, decimal costUsd)
    {
        var providerTag = new KeyValuePair<string, object?>(ProviderTag, provider);
        var modelTag = new KeyValuePair<string, object?>(ModelTag, model);
        if (Jobs.Enabled)
        {
            Jobs.Add(1, providerTag, modelTag, new KeyValuePair<string, object?>(OutcomeTag, Outcome(status)));
        }

        if (Tokens.Enabled)
        {
            if (inputTokens > 0)
            {
                Tokens.Add(inputTokens, providerTag, modelTag, new KeyValuePair<string, object?>(TokenTypeTag, "input"));
            }

            if (outputTokens > 0)
            {
                Tokens.Add(outputTokens, providerTag, modelTag, new KeyValuePair<string, object?>(TokenTypeTag, "output"));
            }
        }

        if (Cost.Enabled && costUsd > 0)
        {
            Cost.Add((double)costUsd, providerTag, modelTag);
        }
    }

    /// <summary>Starts the span of one provider batch (a child of the run's span).</summary>
    public static Activity? StartBatch(string provider, string model, string tag, int jobs, string? batchId)
    {
        var activity = Source.StartActivity("batchata.batch");
        if (activity is not null)
        {
            activity.SetTag(ProviderTag, provider);
            activity.SetTag(ModelTag, model);
            activity.SetTag("batchata.batch.tag", tag);
            activity.SetTag("batchata.batch.jobs", jobs);
            activity.SetTag(BatchIdTag, batchId);
        }

        return activity;
    }

    /// <summary>Records a poll as an event of the current batch span.</summary>
    public static void Polled(string status, int done)
        => Activity.Current?.AddEvent(new ActivityEvent("poll", tags: new ActivityTagsCollection { ["batchata.batch.status"] = status, ["batchata.batch.done"] = done }));

    /// <summary>Counts a provider batch in (+1) or out (-1) of flight; tags the span with the provider's batch id.</summary>
    public static void InFlight(string provider, int delta, Activity? activity, string? batchId)
    {
        activity?.SetTag(BatchIdTag, batchId);
        BatchesInFlight.Add(delta, new KeyValuePair<string, object?>(ProviderTag, provider));
    }

    private static string Outcome(JobStatus status) => status switch
    {
        JobStatus.Completed => "completed",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };
}
