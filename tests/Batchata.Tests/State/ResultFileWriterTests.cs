using System.Text.Json;

namespace Batchata.Tests.State;

public sealed class ResultFileWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-tests", Guid.NewGuid().ToString("N"));

    private static JobResult Result(string id, string text) => new() { JobId = id, Status = JobStatus.Completed, RawResponse = text, CostUsd = 0.25m };

    [Fact]
    public async Task WriteAsync_IntoAMissingDirectory_CreatesItAndLeavesOnlyTheResult()
    {
        var path = Path.Combine(_dir, "nested", "a.json");
        await ResultFileWriter.WriteAsync(Result("a", "hello"), path, TestContext.Current.CancellationToken);

        Assert.Equal([path], Directory.GetFiles(Path.Combine(_dir, "nested"), "*", SearchOption.AllDirectories));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(("a", "hello"), (doc.RootElement.GetProperty("job_id").GetString(), doc.RootElement.GetProperty("raw_response").GetString()));
    }

    [Fact]
    public async Task WriteAsync_OverAnEarlierFile_ReplacesItWhole()
    {
        var path = Path.Combine(_dir, "b.json");
        Directory.CreateDirectory(_dir);
        await ResultFileWriter.WriteAsync(Result("b", new string('x', 10_000)), path, TestContext.Current.CancellationToken);
        await ResultFileWriter.WriteAsync(Result("b", "short"), path, TestContext.Current.CancellationToken);

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal("short", doc.RootElement.GetProperty("raw_response").GetString());
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void RemoveStaleTempFiles_RemovesOnlyItsOwnTempNames()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, ".c.json.0123456789abcdef0123456789abcdef.tmp"), "{");
        File.WriteAllText(Path.Combine(_dir, "c.json"), "{}");
        File.WriteAllText(Path.Combine(_dir, "notes.tmp"), "mine");

        ResultFileWriter.RemoveStaleTempFiles(_dir);

        Assert.Equal(["c.json", "notes.tmp"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
