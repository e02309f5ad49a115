namespace Batchata;

/// <summary>
/// The names under which Batchata reports to OpenTelemetry (or any <see cref="System.Diagnostics.ActivityListener"/> /
/// <see cref="System.Diagnostics.Metrics.MeterListener"/>): <c>tracing.AddSource(BatchataDiagnostics.ActivitySourceName)</c>,
/// <c>metrics.AddMeter(BatchataDiagnostics.MeterName)</c>.
/// </summary>
/// <remarks>
/// Spans: <c>batchata.run</c> per run, and under it <c>batchata.batch</c> per provider batch with the events
/// <c>create</c>, <c>poll</c> (one per poll, with the provider's status) and <c>collect</c>.
/// Metrics: <c>batchata.jobs</c> (jobs ended, by provider, model and outcome), <c>batchata.tokens</c> (by provider,
/// model and token type), <c>batchata.cost</c> (USD at batch prices, by provider and model) and
/// <c>batchata.batches.in_flight</c> (provider batches created and not yet collected).
/// </remarks>
public static class BatchataDiagnostics
{
    /// <summary>The name of Batchata's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "Batchata";

    /// <summary>The name of Batchata's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "Batchata";
}
