using System.Text.Json;

namespace Batchata.IntegrationTests;

/// <summary>A temporary working directory with a results folder and helpers to write job files.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "batchata-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Results => System.IO.Path.Combine(Path, "output");

    public string WriteJobs(int count, string model, string name = "jobs.jsonl")
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllLines(file, Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = $"job-{i:D5}",
            ["prompt"] = $"Write one short sentence about item {i}.",
            ["model"] = model,
            ["max_tokens"] = 64,
        })));
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
