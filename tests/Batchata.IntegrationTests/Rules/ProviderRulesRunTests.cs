using System.Text.Json;
using Batchata.Emulator;
using Microsoft.Extensions.AI;

namespace Batchata.IntegrationTests.Rules;

/// <summary>
/// Issue 15: every published provider rule ends in a completed job (natively, or by a documented rewrite or
/// fallback) or a refusal at <c>AddJob</c> - never a rejection by the provider. The emulator enforces each rule as the
/// real API does, so each test fails without the client's handling of it.
/// </summary>
public sealed class ProviderRulesRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    // Rule 1: *-pro and *-codex models serve only /v1/responses.
    [Fact]
    public async Task ProModel_TextAndStructuredJobs_CompleteThroughResponses()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: "gpt-5.5-pro", maxTokens: 800);
        batch.AddJob(prompt: "Say something about cats.", id: "text");
        batch.AddJob<Invoice2>(prompt: "Extract the invoice: vendor Contoso in Porto, 3 chairs.", id: "structured");

        var run = await h.RunAsync(batch, cancellationToken: Ct);

        var results = run.Results();
        Assert.Equal(2, results.Completed.Count);
        var text = results.Completed.Single(r => r.JobId == "text");
        Assert.False(string.IsNullOrEmpty(text.RawResponse));
        Assert.True(text.InputTokens > 0 && text.OutputTokens > 0);
        Assert.True(text.CostUsd > 0);
        var structured = results.Completed.Single(r => r.JobId == "structured");
        Assert.False(string.IsNullOrEmpty(structured.GetParsed<Invoice2>().Vendor));
        Assert.Equal("native", structured.StructuredMode);
        Assert.All(h.Emulator.CreatedBatches, b => Assert.Equal("openai", b.Provider));
        Assert.Equal(2, h.Emulator.CreatedBatches.Sum(b => b.RequestCount));
    }

    // Rule 2: Anthropic's complexity limits, recursion and prefill.
    [Fact]
    public async Task Anthropic_SchemaOverLimitsRecursiveOrPrefilled_CompletesByInstruction()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: "claude-sonnet-5-5", maxTokens: 2000);
        batch.AddJob<ManyNullables>(prompt: "Fill in the fields about cats.", id: "unions");
        batch.AddJob<TreeNode>(prompt: "A tree named root.", id: "recursive");
        batch.AddJob<Answer>(messages: [new ChatMessage(ChatRole.User, "Answer about cats."), new ChatMessage(ChatRole.Assistant, "Here is the JSON:")], id: "prefill");
        batch.AddJob<Answer>(prompt: "Answer about cats.", id: "plain");

        var run = await h.RunAsync(batch, cancellationToken: Ct);

        var results = run.Results().All.ToDictionary(r => r.JobId);
        Assert.All(results.Values, r => Assert.True(r.IsSuccess, $"{r.JobId}: {r.Error}"));
        Assert.Equal("instructed", results["unions"].StructuredMode);
        Assert.Equal("instructed", results["recursive"].StructuredMode);
        Assert.Equal("instructed", results["prefill"].StructuredMode);
        Assert.Equal("native", results["plain"].StructuredMode);
        Assert.NotNull(results["recursive"].GetParsed<TreeNode>().Name);
        var file = await File.ReadAllTextAsync(Path.Combine(h.ResultsDir, "unions.json"), Ct);
        Assert.Contains("\"structured_mode\": \"instructed\"", file);
    }

    // Rule 3: parameters a batch or a model rejects are refused at AddJob, naming the job, the rule and the fix.
    [Theory]
    [InlineData("claude-sonnet-5-5", """{"speed":"fast"}""", "fast mode is not available for batches")]
    [InlineData("claude-sonnet-5-5", """{"stream":true}""", "batch requests cannot stream")]
    [InlineData("gpt-6-luna", """{"presence_penalty":0.5}""", "rejects presence_penalty on reasoning models")]
    [InlineData("gpt-6-luna", """{"frequency_penalty":0.5}""", "rejects frequency_penalty on reasoning models")]
    [InlineData("gpt-6-luna", """{"logprobs":true}""", "rejects logprobs on reasoning models")]
    [InlineData("gpt-6-luna", """{"top_logprobs":2}""", "rejects top_logprobs on reasoning models")]
    [InlineData("gpt-6-luna", """{"logit_bias":{"50256":-100}}""", "rejects logit_bias on reasoning models")]
    [InlineData("gpt-5.5-pro", """{"stop":["x"]}""", "served only by the Responses API")]
    public async Task RejectedParameter_RefusedAtAddJob_NothingSubmitted(string model, string parameters, string expected)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: model, maxTokens: 100);

        var error = Assert.Throws<BatchValidationException>(() => batch.AddJob(prompt: "Hi", id: "job-7", additionalParams: Json(parameters)));

        Assert.Contains("job-7", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains("emove", error.Message);
        Assert.Empty(h.Emulator.CreatedBatches);
    }

    // Rule 3 still lets a non-reasoning model use the penalties.
    [Fact]
    public async Task NonReasoningModel_Penalties_Complete()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: "gpt-4.1-mini", maxTokens: 100);
        batch.AddJob(prompt: "Hi", id: "p", additionalParams: Json("""{"presence_penalty":0.5,"frequency_penalty":0.2,"logit_bias":{"50256":-100}}"""));

        var run = await h.RunAsync(batch, cancellationToken: Ct);

        Assert.Single(run.Results().Completed);
    }

    // Rule 4: OpenAI strict mode refuses length keywords (which [StringLength]/[MinLength] emit): rewritten, enforced locally.
    [Theory]
    [InlineData("gpt-6-luna")]
    [InlineData("gpt-5.5-pro")]
    public async Task OpenAI_LengthKeywords_DroppedFromTheWireAndEnforcedLocally(string model)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: model, maxTokens: 800).SetRetryPolicy(1);
        batch.AddJob<Tagged>(prompt: "Title: cats in Porto. Tags: pets.", id: "fits");
        batch.AddJob<ShortTitle>(prompt: "Title: a long title about cats", id: "too-long");

        var run = await h.RunAsync(batch, cancellationToken: Ct);

        var results = run.Results().All.ToDictionary(r => r.JobId);
        Assert.True(results["fits"].IsSuccess, results["fits"].Error);
        Assert.Equal("native", results["fits"].StructuredMode);
        Assert.NotEmpty(results["fits"].GetParsed<Tagged>().Tags);
        Assert.Equal(JobFailureKind.InvalidResponse, results["too-long"].FailureKind);
        Assert.Contains("maxLength 2", results["too-long"].Error);
    }

    // Rule 4: a schema over strict mode's limits (more than 10 levels of nesting) is served by instruction.
    [Fact]
    public async Task OpenAI_SchemaTooDeep_CompletesByInstruction()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var schema = """{"type":"string"}""";
        for (var i = 0; i < 11; i++)
        {
            schema = $$"""{"type":"object","properties":{"x":{{schema}}},"required":["x"]}""";
        }

        var batch = h.NewBatch().SetDefaultParams(model: "gpt-6-luna", maxTokens: 2000);
        batch.AddJob(prompt: "Nest it about cats.", id: "deep", responseSchema: Json(schema));

        var run = await h.RunAsync(batch, cancellationToken: Ct);

        var result = Assert.Single(run.Results().All);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal("instructed", result.StructuredMode);
    }

    // Rule 5: a file id of "" means no file.
    [Fact]
    public async Task OpenAI_EmptyFileIds_AreAbsent()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.EmptyFileIds = true);
        var batch = h.NewBatch(maxParallelBatches: 2, itemsPerBatch: 1).SetDefaultParams(model: "gpt-4.1-mini", maxTokens: 100);
        batch.AddJob(prompt: "One", id: "one");
        batch.AddJob(prompt: "Two [[emulator:error=invalid_request_error]]", id: "two");

        var run = await h.RunAsync(batch, cancellationToken: Ct);

        // "one" comes from a batch whose error_file_id is "", "two" from one whose output_file_id is "" (each job has its own batch).
        var results = run.Results().All.ToDictionary(r => r.JobId);
        Assert.True(results["one"].IsSuccess, results["one"].Error);
        Assert.Equal(JobFailureKind.ProviderError, results["two"].FailureKind);
        Assert.Equal("invalid_request_error", results["two"].ErrorType);
        Assert.DoesNotContain("could not be downloaded", results["two"].Error);
        Assert.Equal(2, h.Emulator.CreatedBatches.Count);
    }

    // Rule 5: one result line in a shape the parser does not know fails only its job.
    [Fact]
    public async Task OpenAI_UnrecognisedResultLine_FailsOnlyThatJob()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().SetDefaultParams(model: "gpt-4.1-mini", maxTokens: 100);
        batch.AddJob(prompt: "Fine", id: "fine");
        batch.AddJob(prompt: "Odd [[emulator:error=emulator_unrecognised_shape]]", id: "odd");

        var run = await h.RunAsync(batch, cancellationToken: Ct);

        var results = run.Results().All.ToDictionary(r => r.JobId);
        Assert.True(results["fine"].IsSuccess, results["fine"].Error);
        Assert.Equal(JobFailureKind.ProviderError, results["odd"].FailureKind);
        Assert.Contains("could not read this request's result line", results["odd"].Error);
    }

    // Rule 5: 429 insufficient_quota is not retried, and says so.
    [Fact]
    public async Task OpenAI_InsufficientQuota_NotRetried()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.QuotaExhausted = true);
        var batch = h.NewBatch().SetDefaultParams(model: "gpt-4.1-mini", maxTokens: 100);
        batch.AddJob(prompt: "One", id: "one");

        var run = await h.RunAsync(batch, cancellationToken: Ct);

        var failed = Assert.Single(run.Results().Failed);
        Assert.Equal(JobFailureKind.NotSubmitted, failed.FailureKind);
        Assert.Contains("insufficient_quota does not heal with retries", failed.Error);
        Assert.Equal(1, h.Emulator.QuotaRejections);
        Assert.Empty(h.Emulator.CreatedBatches);
    }
}

/// <summary>An invoice for the Responses test.</summary>
public sealed record Invoice2(string Vendor, string City, int Chairs);
