// A worker service that runs LLM jobs through Batchata the way .NET services are built:
// AddBatchata bound from configuration, its own IHttpClientFactory handler, OpenTelemetry exported to the console,
// and results streamed with ResultsAsync as each job's result is written.
// `dotnet run --project samples/Batchata.WorkerSample` runs against the in-process emulator (no key, nothing paid);
// `-- --live` uses the providers' real APIs with the keys from the environment.
using Batchata;
using Batchata.Emulator;
using Batchata.WorkerSample;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
await using var emulator = args.Contains("--live") ? null : await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(1) });
if (emulator is not null)
{
    // One call points every provider at the in-process emulator (keys, base URLs, a short poll interval).
    builder.Configuration.AddInMemoryCollection(emulator.BatchataSettings(pollInterval: TimeSpan.FromMilliseconds(200)));
}

builder.Services.AddBatchata(builder.Configuration.GetSection("Batchata"));

// The application's own handler on Batchata's named client (retries, auth, proxies, auditing would go here).
builder.Services.AddSingleton<RequestAudit>();
builder.Services.AddTransient<AuditHandler>();
builder.Services.AddHttpClient(BatchataHttpClients.Anthropic).AddHttpMessageHandler<AuditHandler>();

builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource(BatchataDiagnostics.ActivitySourceName).AddConsoleExporter())
    .WithMetrics(metrics => metrics.AddMeter(BatchataDiagnostics.MeterName).AddConsoleExporter());
builder.Services.AddHostedService<SummarizeWorker>();

using var host = builder.Build();
var audit = host.Services.GetRequiredService<RequestAudit>();
await host.RunAsync();

Console.WriteLine($"The application's handler saw {audit.Count} Anthropic requests.");
return audit.Count > 0 && SummarizeWorker.Streamed > 0 ? 0 : 1;
