namespace Batchata.Tests.Cost;

public sealed class TokenEstimatorTests
{
    private static readonly TokenEstimator Estimator = TokenEstimator.Shared;

    private static ModelInfo Model(string id) =>
        ModelCatalog.Default.TryGet(id, out var model) ? model : throw new InvalidOperationException(id);

    private static JobRequest Job(string provider, string model, string text) => new()
    {
        Id = "job-1",
        Model = model,
        Provider = provider,
        Messages = [new JobMessage("user", text)],
        MaxTokens = 100,
    };

    [Fact]
    public void CountTokens_HelloWorld_IsTwo()
    {
        Assert.Equal(2, Estimator.CountTokens("Hello world"));
        Assert.Equal(0, Estimator.CountTokens(string.Empty));
    }

    private static readonly Microsoft.ML.Tokenizers.Tokenizer Exact =
        Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("o200k_base");

    [Theory]
    [InlineData("Hello world <|endoftext|> and <|endofprompt|>")]
    [InlineData("naïve 東京 🙂 (x+y)/2 3.14159 it's THEY'RE   spaced\r\n\tout")]
    public void CountTokens_TheOwnTokenizer_CountsAsTheLibrarysO200kEncoding(string text)
        => Assert.Equal(Exact.CountTokens(text), Estimator.CountTokens(text));

    [Fact]
    public void CountTokens_LongProse_CountedInPieces_EqualsTheTokenizersExactCount()
    {
        // Words, punctuation, newlines, tabs, CJK and emoji (surrogate pairs), well over one piece.
        string[] words = ["The", "quick,", "brown", "fox\n", "jumps\t", "over", "lazy-dog.", "東京", "naïve", "🙂🙂", "(x+y)/2", "3.14159"];
        var text = string.Join(" ", Enumerable.Range(0, 30_000).Select(i => words[i % words.Length]));

        Assert.Equal(Exact.CountTokens(text), Estimator.CountTokens(text));
    }

    [Fact]
    public void CountTokens_LongRunsWithoutWhitespace_WithinAboutOneTokenPerCutOfTheExactCount()
    {
        // Runs longer than one piece: cut every MaxRunChars characters, never inside a surrogate pair.
        string[] texts =
        [
            new string('x', 20_000),
            string.Concat(Enumerable.Repeat("🙂", 3_000)),
            "intro " + string.Concat(Enumerable.Range(0, 2_000).Select(i => (char)('a' + (i * 7 % 26)))) + " outro",
        ];
        foreach (var text in texts)
        {
            var exact = Exact.CountTokens(text);
            var counted = Estimator.CountTokens(text);
            var cuts = (text.Length / TokenEstimator.MaxRunChars) + 1;
            Assert.InRange(counted, exact - cuts, exact + cuts);
        }
    }

    [Fact]
    public void CountTokens_SixMillionCharactersWithoutWhitespace_Counted()
    {
        // A 6 M-character run (base64 pasted into a prompt, say) took more than 5 minutes counted as one BPE pre-token,
        // which hung AddJob. o200k counts a run of 'x' as one token per 8 characters; the cuts fall on multiples of 8.
        Assert.Equal(750_000, Estimator.CountTokens(new string('x', 6_000_000)));
    }

    [Fact]
    public void EstimateInputTokens_OpenAi_CountsTextPlusOverheads()
    {
        // 3 per request + 2 ("Hello world") + 4 per message = 9
        Assert.Equal(9, Estimator.EstimateInputTokens(Job("openai", "gpt-6-luna", "Hello world"), Model("gpt-6-luna")));
    }

    [Fact]
    public void EstimateInputTokens_NewClaudeTokenizer_ScalesUp()
    {
        // "Hello world" = 2 + 4 per message = 6 (no per-request overhead outside OpenAI); ceil(6 × 1.3) = 8, plus 100 file tokens
        var tokens = Estimator.EstimateInputTokens(Job("anthropic", "claude-haiku-5-5", "Hello world"), Model("claude-haiku-5-5"), fileTokens: 100);

        Assert.Equal(108, tokens);
    }

    [Fact]
    public void EstimateInputTokens_WithSchema_CountsSchema()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"total":{"type":"number"}}}""");
        var job = Job("openai", "gpt-6-luna", "Hello world");
        var withSchema = new JobRequest
        {
            Id = job.Id, Model = job.Model, Provider = job.Provider, Messages = job.Messages, MaxTokens = 100,
            ResponseSchema = doc.RootElement.Clone(),
        };

        Assert.True(Estimator.EstimateInputTokens(withSchema, Model("gpt-6-luna")) > 9 + TokenEstimator.SchemaOverhead);
    }

    [Fact]
    public void ProviderFactor_OlderAndNewerClaude_Differ()
    {
        Assert.Equal(1.0m, TokenEstimator.ProviderFactor(Model("claude-haiku-4-5")));
        Assert.Equal(1.3m, TokenEstimator.ProviderFactor(Model("claude-opus-4-7")));
        Assert.Equal(1.0m, TokenEstimator.ProviderFactor(Model("gpt-5.4")));
    }

    [Fact]
    public void EstimateFileTokens_GeminiPdf_258PerPage()
    {
        Assert.Equal(2_580, Estimator.EstimateFileTokens(JobFileKind.Pdf, 100_000, 10, "some text", "gemini"));
    }

    [Fact]
    public void EstimateFileTokens_AnthropicPdfWithoutText_UsesPageFloor()
    {
        Assert.Equal(4_000, Estimator.EstimateFileTokens(JobFileKind.Pdf, 100_000, 2, null, "anthropic"));
    }

    [Fact]
    public void EstimateFileTokens_AnthropicDensePdf_TextPlusPageImages()
    {
        var text = string.Join(' ', Enumerable.Repeat("invoice total amount due", 1_000));
        var expected = (long)Math.Ceiling(Estimator.CountTokens(text) * 1.3m) + 1_600;

        Assert.Equal(expected, Estimator.EstimateFileTokens(JobFileKind.Pdf, 50_000, 1, text, "anthropic"));
    }

    [Fact]
    public void EstimateFileTokens_Image_UsesConservativeConstant()
    {
        Assert.Equal(TokenEstimator.ImageTokens, Estimator.EstimateFileTokens(JobFileKind.Image, 500_000, 0, null, "openai"));
    }

    [Fact]
    public void EstimateFileTokens_TextWithoutContent_UsesBytes()
    {
        // 3,000 bytes / 3 = 1,000 tokens × 1.0 (OpenAI)
        Assert.Equal(1_000, Estimator.EstimateFileTokens(JobFileKind.Text, 3_000, 0, null, "openai"));
    }
}
