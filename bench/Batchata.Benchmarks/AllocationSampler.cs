using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Batchata.Benchmarks;

/// <summary>
/// <c>BENCH_ALLOC=1</c>: where a run's allocations go, by type, from the runtime's allocation ticks (one event per
/// ~100 KB allocated, naming the type that crossed the mark), so the sites that feed the GC can be found without a
/// profiler. Small, large (LOH) and pinned allocations are kept apart: large ones go straight to gen2's budget.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const long GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!string.Equals(eventData.EventName, "GCAllocationTick_V4", StringComparison.Ordinal) || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        var kind = Convert.ToInt32(payload[names.IndexOf("AllocationKind")], CultureInfo.InvariantCulture) switch { 0 => "small", 1 => "LARGE", _ => "pinned" };
        var type = payload[names.IndexOf("TypeName")] as string ?? "?";
        _bytes.AddOrUpdate($"{kind} {type}", amount, (_, total) => total + amount);
    }

    /// <summary>The types that took the most, largest first, one line each.</summary>
    public string Report(int top)
    {
        var total = _bytes.Values.Sum();
        var lines = _bytes.OrderByDescending(p => p.Value).Take(top)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value / 1048576.0,10:0} MB {100.0 * p.Value / Math.Max(1, total),5:0.0}%  {p.Key}"));
        return string.Create(CultureInfo.InvariantCulture, $"allocations sampled: {total / 1048576.0:0} MB\n") + string.Join('\n', lines);
    }
}
