using System.Text.Json;
using Batchata.IntegrationTests.Structured;
using Microsoft.Extensions.AI;

namespace Batchata.IntegrationTests.Content;

/// <summary>Issue 16: every content part of a job reaches the provider (here the emulator, over real HTTP) in that provider's own form.</summary>
public sealed class ContentPartsTests
{
    /// <summary>A valid 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private const string Question = "What colour is this?";

    [Theory]
    [InlineData("claude-haiku-5-5")]
    [InlineData("gpt-6-luna")]
    [InlineData("gemini-2.5-flash")]
    [InlineData("gpt-5.5-pro")] // served by /v1/responses only
    public async Task ImageDataContent_ReachesTheProvider_WhichCountsItsTokens(string model)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: model, maxTokens: 50).RawFiles();
        batch.AddJob(messages: [new ChatMessage(ChatRole.User, Question)], id: "text-only");
        batch.AddJob(messages: [new ChatMessage(ChatRole.User, [new TextContent(Question), new DataContent(Png, "image/png")])], id: "with-image");

        var plan = await batch.DryRunAsync(TestContext.Current.CancellationToken);
        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results().Completed.ToDictionary(r => r.JobId);
        Assert.Equal(2, results.Count);
        // The emulator counts a fixed number of tokens (85) per image it receives; a dropped image would leave both equal.
        Assert.True(results["with-image"].InputTokens >= results["text-only"].InputTokens + 85,
            $"image job {results["with-image"].InputTokens} tokens, text job {results["text-only"].InputTokens}");
        var sent = RawRequests(h);
        Assert.Contains(Convert.ToBase64String(Png), sent, StringComparison.Ordinal);
        // The dry run prices the image too (its estimate covers an image).
        Assert.True(plan.Groups.Sum(g => g.EstimatedInputTokens) >= TokenEstimator.ImageTokens);
    }

    [Theory]
    [InlineData("claude-haiku-5-5", "\"type\":\"url\"")]
    [InlineData("gpt-6-luna", "\"image_url\":{\"url\":\"https://example.com/cat.png\"}")]
    [InlineData("gemini-2.5-flash", "\"file_uri\":\"https://example.com/cat.png\"")]
    [InlineData("gpt-5.5-pro", "\"type\":\"input_image\",\"image_url\":\"https://example.com/cat.png\"")]
    public async Task ImageUriContent_IsSentAsAUrlPart(string model, string expected)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: model, maxTokens: 50).RawFiles();
        batch.AddJob(messages: [new ChatMessage(ChatRole.User, Question)], id: "text-only");
        batch.AddJob(messages: [new ChatMessage(ChatRole.User, [new TextContent(Question), new UriContent("https://example.com/cat.png", "image/png")])], id: "with-url");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results().Completed.ToDictionary(r => r.JobId);
        Assert.True(results["with-url"].InputTokens > results["text-only"].InputTokens);
        Assert.Contains(expected, RawRequests(h), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude-haiku-5-5")]
    [InlineData("gpt-6-luna")]
    [InlineData("gemini-2.5-flash")]
    [InlineData("gpt-5.5-pro")]
    public async Task PdfAndTextDocumentDataContent_ReachTheProvider(string model)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var pdf = File.ReadAllBytes(TestDocuments.WritePdf(h.Directory));
        var batch = h.NewBatch().SetDefaultParams(model: model, maxTokens: 200).RawFiles();
        batch.AddJob(messages: [new ChatMessage(ChatRole.User, "Where was the invoice issued?")], id: "text-only");
        batch.AddJob(messages: [new ChatMessage(ChatRole.User, [new DataContent(pdf, "application/pdf") { Name = "invoice.pdf" }, new TextContent("Where was the invoice issued?")])], id: "pdf");
        batch.AddJob(messages: [new ChatMessage(ChatRole.User, [new DataContent(System.Text.Encoding.UTF8.GetBytes(TestDocuments.Text), "text/plain") { Name = "company.txt" }, new TextContent("Where is the company based?")])], id: "text-doc");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results().Completed.ToDictionary(r => r.JobId);
        Assert.Equal(3, results.Count);
        Assert.True(results["pdf"].InputTokens > results["text-only"].InputTokens + 20);
        var sent = RawRequests(h);
        Assert.Contains(Convert.ToBase64String(pdf), sent, StringComparison.Ordinal);
        Assert.Contains("Karl Johans gate", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnthropicPdfDataContent_WithCitations_AnswersWithCitationsIntoTheDocument()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var pdf = File.ReadAllBytes(TestDocuments.WritePdf(h.Directory));
        var batch = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 400).RawFiles();
        batch.AddJob(messages: [new ChatMessage(ChatRole.User, [new DataContent(pdf, "application/pdf") { Name = "invoice.pdf" }, new TextContent("Where was the invoice issued?")])], id: "cited", enableCitations: true);

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var result = Assert.Single(run.Results().Completed);
        Assert.NotNull(result.Citations);
        Assert.NotEmpty(result.Citations);
        Assert.Contains("\"citations\":{\"enabled\":true}", RawRequests(h), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude-haiku-5-5", "\"system\":\"Answer in one word.\"")]
    [InlineData("gpt-6-luna", "\"role\":\"developer\",\"content\":\"Answer in one word.\"")] // a reasoning model: system turns go as developer
    [InlineData("gemini-2.5-flash", "\"system_instruction\":{\"parts\":[{\"text\":\"Answer in one word.\"}]}")]
    [InlineData("gpt-5.5-pro", "\"instructions\":\"Answer in one word.\"")]
    public async Task SystemPromptWithAPdfFile_ReachesEveryProvider(string model, string expectedSystem)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var pdf = TestDocuments.WritePdf(h.Directory);
        var batch = h.NewBatch().SetDefaultParams(model: model, maxTokens: 200).RawFiles();
        batch.AddJob(file: pdf, prompt: "Where was the invoice issued?", system: "Answer in one word.", id: "system-pdf");
        batch.AddJob(file: pdf, prompt: "Where was the invoice issued?", id: "pdf-only");
        batch.AddJob(messages: [new ChatMessage(ChatRole.User, "Hello")], system: "Answer in one word.", id: "system-messages");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results().Completed.ToDictionary(r => r.JobId);
        Assert.Equal(3, results.Count);
        Assert.True(results["system-pdf"].InputTokens > results["pdf-only"].InputTokens);
        var lines = RawRequests(h).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var systemPdf = Assert.Single(lines, l => l.Contains("system-pdf", StringComparison.Ordinal));
        Assert.Contains(expectedSystem, systemPdf, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(File.ReadAllBytes(pdf))[..200], systemPdf, StringComparison.Ordinal);
        Assert.Contains(expectedSystem, Assert.Single(lines, l => l.Contains("system-messages", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static string RawRequests(EmulatorHarness h)
        => string.Join('\n', Directory.GetFiles(Path.Combine(h.ResultsDir, "raw_files", "requests"), "*.jsonl").Select(File.ReadAllText));
}
