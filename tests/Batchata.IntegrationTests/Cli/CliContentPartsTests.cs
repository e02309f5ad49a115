using System.Text.Json;
using Batchata.IntegrationTests.Structured;

namespace Batchata.IntegrationTests.Cli;

/// <summary>Issue 16: the jobs file carries content parts in <c>messages</c> and a <c>system</c> prompt, and both reach the provider.</summary>
public sealed class CliContentPartsTests
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Run_ContentPartsAndSystem_AreSent()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(Path.Combine(dir.Path, "dot.png"), Png);
        TestDocuments.WritePdf(dir.Path);
        var jobs = CliRunner.WriteJobs(
            dir,
            """{"id":"img","model":"claude-haiku-5-5","messages":[{"role":"user","content":[{"type":"text","text":"What colour is this?"},{"type":"file","path":"dot.png"},{"type":"image_url","url":"https://example.com/cat.jpg"}]}]}""",
            """{"id":"sys-pdf","model":"gpt-6-luna","system":"Answer in one word.","file":"invoice.pdf","prompt":"Where was it issued?"}""",
            """{"id":"inline","model":"gemini-3.8-flash","system":"Be brief.","messages":[{"role":"user","content":[{"type":"data","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="},{"type":"text","text":"Describe it."}]}]}""");

        var result = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results, "--raw-files", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var sent = string.Join('\n', Directory.GetFiles(Path.Combine(dir.Results, "raw_files", "requests")).Select(File.ReadAllText));
        var lines = sent.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var img = Assert.Single(lines, l => l.Contains("\"img\"", StringComparison.Ordinal));
        Assert.Contains(Convert.ToBase64String(Png), img, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"https://example.com/cat.jpg\"", img, StringComparison.Ordinal);
        Assert.Contains("Answer in one word.", Assert.Single(lines, l => l.Contains("\"sys-pdf\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        var inline = Assert.Single(lines, l => l.Contains("\"inline\"", StringComparison.Ordinal));
        Assert.Contains("\"inline_data\"", inline, StringComparison.Ordinal);
        Assert.Contains("Be brief.", inline, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Results, "img.json")));
        Assert.True(doc.RootElement.GetProperty("input_tokens").GetInt32() > 2 * 85);
    }

    [Fact]
    public async Task Run_PartWithMissingFile_ExitsTwoNamingLineAndPart()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, """{"id":"x","model":"claude-haiku-5-5","messages":[{"role":"user","content":[{"type":"file","path":"nope.png"}]}]}""");

        var result = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(":1: messages[0].content[0].path 'nope.png' cannot be read", result.ToString(), StringComparison.Ordinal);
    }
}
