using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Batchata.Tests;

/// <summary>Shape rules of the library that a compiler does not check.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void InternalsVisibleTo_OnlyTestAndBenchmarkAssemblies()
    {
        // DESIGN §1: the CLI uses the public API; internals are shown to tests and the benchmark only.
        var friends = typeof(Batch).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();

        Assert.NotEmpty(friends);
        Assert.All(friends, name => Assert.True(name.EndsWith("Tests", StringComparison.Ordinal) || name.EndsWith("Benchmarks", StringComparison.Ordinal), name));
        Assert.DoesNotContain("Batchata.Cli", friends);
    }

    [Fact]
    public void BatchataJson_ReadsAResultFileAsWritten()
    {
        var result = new JobResult { JobId = "a", Status = JobStatus.Failed, FailureKind = JobFailureKind.TimeLimitExceeded, InputTokens = 3 };

        var json = JsonSerializer.Serialize(result, BatchataJson.Options);
        var back = JsonSerializer.Deserialize<JobResult>(json, BatchataJson.Options);

        Assert.Contains("\"time_limit_exceeded\"", json, StringComparison.Ordinal);
        Assert.Equal((result.JobId, result.Status, result.FailureKind, 3L), (back!.JobId, back.Status, back.FailureKind, back.InputTokens));
        Assert.True(BatchataJson.Options.IsReadOnly);
    }
}
