namespace Batchata.Cli.Commands;

/// <summary>The parsed options of <c>batchata run</c>.</summary>
internal sealed record RunArgs
{
    public required string JobsFile { get; init; }

    public string ResultsDir { get; init; } = "./output";

    public string? StateFile { get; init; }

    public bool Fresh { get; init; }

    public bool RetryFailed { get; init; }

    public bool RerunChanged { get; init; }

    public string? Model { get; init; }

    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    public decimal? CostLimit { get; init; }

    public TimeSpan? TimeLimit { get; init; }

    public int? ItemsPerBatch { get; init; }

    public int MaxParallelBatches { get; init; } = 10;

    public int? MaxJobsInFlight { get; init; }

    public bool DryRun { get; init; }

    public bool Emulate { get; init; }

    public TimeSpan EmulatorLatency { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan? PollInterval { get; init; }

    public IReadOnlyList<string> MaxEnqueuedTokens { get; init; } = [];

    public IReadOnlyList<string> MaxQueuedRequests { get; init; } = [];

    public bool RawFiles { get; init; }

    public string Verbosity { get; init; } = "warn";

    public bool Plain { get; init; }

    public bool Json { get; init; }

    public string? Catalog { get; init; }

    public TimeSpan? Grace { get; init; }

    public TimeSpan? RequestTimeout { get; init; }
}
