using System.Text.Json;
using Batchata.Tests.Files;

namespace Batchata.Tests.Jobs;

/// <summary>
/// The one home of "does the model take this": these rules used to be repeated in the OpenAI, Gemini and Anthropic
/// validators (where AddJob never reached them, as the file checks ran first) and are now asked of one place.
/// </summary>
public sealed class CapabilityChecksTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""").RootElement;

    private static JobRequest Job(bool citations = false, JobFile? file = null, JsonElement? schema = null) => new()
    {
        Id = "job-1",
        Model = "m",
        Provider = "openai",
        Messages = [new JobMessage("user", "hi")],
        MaxTokens = 16,
        File = file,
        EnableCitations = citations,
        ResponseSchema = schema,
    };

    [Theory]
    [InlineData("Image", "does not accept images")]
    [InlineData("Pdf", "does not accept PDF input")]
    public void Content_KindTheModelLacks_NamesModelAndFix(string kind, string problem)
    {
        var refused = CapabilityChecks.Content(TestModels.TextOnly, Enum.Parse<JobFileKind>(kind));

        Assert.NotNull(refused);
        Assert.Contains("'text-only'", refused.Value.Problem, StringComparison.Ordinal);
        Assert.Contains(problem, refused.Value.Problem, StringComparison.Ordinal);
        Assert.StartsWith("Use a model with", refused.Value.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Image")]
    [InlineData("Pdf")]
    [InlineData("Text")]
    [InlineData("Docx")]
    public void Content_ModelThatTakesIt_Passes(string kind) => Assert.Null(CapabilityChecks.Content(TestModels.Gpt, Enum.Parse<JobFileKind>(kind)));

    [Theory]
    [InlineData("Text")]
    [InlineData("Docx")]
    public void Content_TextAndDocx_AnyModel(string kind) => Assert.Null(CapabilityChecks.Content(TestModels.TextOnly, Enum.Parse<JobFileKind>(kind)));

    [Fact]
    public void Check_CitationsOnModelWithout_NamesJobModelAndFix()
    {
        var ex = Assert.Throws<BatchValidationException>(() => CapabilityChecks.Check(Job(citations: true, file: new JobFile("a.pdf", JobFileKind.Pdf, "application/pdf")), TestModels.Gpt, "job-1"));

        Assert.Equal("job-1", ex.JobId);
        Assert.Contains("Model 'gpt-test' (openai) does not support citations", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Turn citations off", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CitationsWithoutDocument_AsksForOne()
        => Assert.Contains("Citations need a document", Assert.Throws<BatchValidationException>(() => CapabilityChecks.Check(Job(citations: true), TestModels.Claude, "#1")).Message, StringComparison.Ordinal);

    [Fact]
    public void Check_CitationsWithOnlyAnImage_AsksForADocument()
        => Assert.Contains("Citations need a document", Assert.Throws<BatchValidationException>(() =>
            CapabilityChecks.Check(Job(citations: true, file: new JobFile("a.png", JobFileKind.Image, "image/png")), TestModels.Claude, "#1")).Message, StringComparison.Ordinal);

    [Fact]
    public void Check_CitationsWithDocumentOnModelWithThem_Passes()
        => CapabilityChecks.Check(Job(citations: true, file: new JobFile("a.pdf", JobFileKind.Pdf, "application/pdf")), TestModels.Claude, "job-1");

    [Fact]
    public void Check_SchemaOnModelWithoutStructuredOutput_Fails()
    {
        var ex = Assert.Throws<BatchValidationException>(() => CapabilityChecks.Check(Job(schema: Schema), TestModels.TextOnly, "job-1"));

        Assert.Contains("'text-only' does not support structured output", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SchemaOnModelWithStructuredOutput_Passes()
    {
        var model = new ModelInfo { Id = "s", Provider = "gemini", Capabilities = new ModelCapabilities { StructuredOutput = true } };
        CapabilityChecks.Check(Job(schema: Schema), model, "job-1");
    }
}
