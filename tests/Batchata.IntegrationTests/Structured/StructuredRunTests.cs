namespace Batchata.IntegrationTests.Structured;

/// <summary>Issue 5: typed structured output per provider, invalid answers, and citations mapped to fields.</summary>
public sealed class StructuredRunTests
{
    [Theory]
    [InlineData("claude-haiku-5-5")]
    [InlineData("gpt-6-luna")]
    [InlineData("gemini-2.5-flash")]
    public async Task RunAsync_RecordWithNestedListAndEnum_ComesBackTyped(string model)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: model, maxTokens: 800);
        batch.AddJob<Invoice>(prompt: "Extract the invoice: vendor Contoso in Porto, Rua Augusta, 3 chairs.", id: "inv");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var result = Assert.Single(run.Results().Completed);
        var invoice = result.GetParsed<Invoice>();
        Assert.False(string.IsNullOrEmpty(invoice.Vendor));
        Assert.NotNull(invoice.Address);
        Assert.NotEmpty(invoice.Items);
        Assert.True(Enum.IsDefined(invoice.Priority));
        Assert.True(result.TryGetParsed<Invoice>(out var again));
        Assert.Equal(invoice.Vendor, again.Vendor);
        Assert.Equal("Invoice", result.ResponseType);
    }

    [Theory]
    [InlineData("claude-haiku-5-5")]
    [InlineData("gpt-6-luna")]
    [InlineData("gemini-2.5-flash")]
    public async Task RunAsync_InvalidAnswer_FailsWithReasonAndKeepsRawText(string model)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: model, maxTokens: 800).SetRetryPolicy(1);
        batch.AddJob<Invoice>(prompt: "Extract it [[emulator:bad-json]]", id: "broken");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var failed = Assert.Single(run.Results().Failed);
        Assert.Equal(JobFailureKind.InvalidResponse, failed.FailureKind);
        Assert.Contains("does not match the response type 'Invoice'", failed.Error);
        Assert.False(string.IsNullOrEmpty(failed.RawResponse));
        Assert.Null(failed.ParsedResponse);
        var file = await File.ReadAllTextAsync(Path.Combine(h.ResultsDir, "broken.json"), TestContext.Current.CancellationToken);
        Assert.Contains("raw_response", file);
    }

    [Theory]
    [InlineData("pdf", false)]
    [InlineData("pdf", true)]
    [InlineData("txt", false)]
    [InlineData("txt", true)]
    public async Task RunAsync_DocumentWithCitations_EveryFieldCitedAtTheStatedLocation(string kind, bool nested)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var path = kind == "pdf" ? TestDocuments.WritePdf(h.Directory) : TestDocuments.WriteText(h.Directory);
        var batch = h.NewBatch().SetDefaultParams(model: "claude-sonnet-5-5", maxTokens: 1000);
        if (nested)
        {
            batch.AddJob<NestedFacts>(file: path, prompt: "Extract the company and its headquarters.", enableCitations: true, id: "doc");
        }
        else
        {
            batch.AddJob<FlatFacts>(file: path, prompt: "Extract the company, city and product.", enableCitations: true, id: "doc");
        }

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var result = Assert.Single(run.Results().All);
        Assert.True(result.IsSuccess, $"{result.Error} Raw: {result.RawResponse}");
        Assert.NotNull(result.CitationMappings);
        string[] fields = nested ? ["Company", "Headquarters.City", "Headquarters.Street"] : ["Company", "City", "Product"];
        foreach (var field in fields)
        {
            Assert.True(result.CitationMappings!.TryGetValue(field, out var cites), $"no citations for {field}");
            Assert.NotEmpty(cites);
            Assert.All(cites, c =>
            {
                if (kind == "pdf")
                {
                    Assert.NotNull(c.Page);
                    Assert.Contains(c.Text.Trim(), TestDocuments.PdfPages[c.Page!.Value - 1]);
                }
                else
                {
                    Assert.NotNull(c.StartChar);
                    Assert.Equal(c.Text, TestDocuments.Text[c.StartChar!.Value..c.EndChar!.Value]);
                }
            });
        }
    }
}
