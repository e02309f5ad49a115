using System.Text.Json;

namespace Batchata.Tests.State;

public sealed class JobSpoolTests
{
    private static JobRequest Job(int i, string text) => new()
    {
        Id = $"job-{i}",
        Model = "claude-haiku-5-5",
        Provider = "anthropic",
        Messages = [new JobMessage("user", text)],
        MaxTokens = 10 + i,
        EstimatedInputTokens = i,
    };

    [Fact]
    public void Read_ReturnsEveryJobInOrder_AcrossBlockBoundariesAndLongLines()
    {
        var spool = new JobSpool();

        // Short jobs, then one longer than a read block (64 KB), then short again, with non-ASCII text.
        var expected = Enumerable.Range(0, 3_000).Select(i => Job(i, i == 1_500 ? new string('x', 200_000) : $"prompt {i} — ünïcode")).ToList();
        foreach (var job in expected)
        {
            spool.Append(job);
        }

        var read = spool.Read().ToList();
        Assert.Equal(expected.Count, read.Count);
        Assert.Equal(expected.Select(j => (j.Id, j.Messages[0].Text, j.MaxTokens, j.EstimatedInputTokens)), read.Select(j => (j.Id, j.Messages[0].Text, j.MaxTokens, j.EstimatedInputTokens)));
        Assert.Equal(expected.Select(j => j.Id), spool.Ids);
        Assert.Contains("job-2999", spool.IdSet);
    }

    [Fact]
    public void ReadEntries_GivesTheJsonTheStateStoreWouldWrite()
    {
        var spool = new JobSpool();
        var job = Job(7, "naïve \"quoted\" text") with { Temperature = 0.5 };
        spool.Append(job);

        var entry = Assert.Single(spool.ReadEntries());
        Assert.Equal(StateSerializer.Serialize(job), entry.Json);
        Assert.Equal(job.Messages[0].Text, entry.Job.Messages[0].Text);
    }

    [Fact]
    public void Read_CanBeRepeated_AndSeesJobsAddedSinceTheLastRead()
    {
        var spool = new JobSpool();
        Assert.Empty(spool.Read());
        spool.Append(Job(1, "a"));
        Assert.Single(spool.Read());
        spool.Append(Job(2, "b"));
        Assert.Equal(["job-1", "job-2"], spool.Read().Select(j => j.Id));
        Assert.Equal(["job-1", "job-2"], spool.Read().Select(j => j.Id));
    }

    [Fact]
    public void Read_KeepsSchemasAndFiles()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}""");
        var spool = new JobSpool();
        spool.Append(Job(1, "a") with { ResponseSchema = schema.RootElement.Clone(), ResponseTypeName = "Thing", File = new JobFile("/data/a.pdf", JobFileKind.Pdf, "application/pdf") });
        var job = Assert.Single(spool.Read());
        Assert.Equal(schema.RootElement.GetRawText(), job.ResponseSchema!.Value.GetRawText());
        Assert.Equal(("Thing", "/data/a.pdf"), (job.ResponseTypeName, job.File!.Path));
    }

    [Fact]
    public void TheSpoolFile_IsNotLeftInTheTempDirectory()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "batchata-jobs-*").ToHashSet();
        var spool = new JobSpool();
        spool.Append(Job(1, new string('y', 100_000)));
        Assert.Single(spool.Read());
        var after = Directory.GetFiles(Path.GetTempPath(), "batchata-jobs-*").Where(f => !before.Contains(f));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Empty(after);
        }
    }
}
