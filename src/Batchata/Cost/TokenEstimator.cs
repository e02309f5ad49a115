using System.IO.Compression;
using System.Reflection;
using Microsoft.ML.Tokenizers;

namespace Batchata;

/// <summary>
/// Estimates prompt tokens before submission, for cost limits and planning. Text is counted with the
/// o200k_base tokenizer (OpenAI's, exact for OpenAI apart from the chat overhead) and scaled for the other
/// providers by calibrated factors. The estimate itself carries no margin (the dry run reports it as is);
/// the cost limit adds <see cref="CostCalculator.ReservationMargin"/> on top when it reserves a worst case:
/// <list type="bullet">
/// <item><description>OpenAI: factor 1.0 (same tokenizer).</description></item>
/// <item><description>Gemini: factor 1.0 — Gemini's SentencePiece vocabulary counts about the same as o200k on English prose.</description></item>
/// <item><description>Anthropic up to Haiku 4.5 / Sonnet and Opus 4.5–4.6 and all older ids: factor 1.0 — taken as o200k-like.</description></item>
/// <item><description>Anthropic from Opus 4.7 on (Opus 4.7/4.8/5/5.5, Sonnet 5/5.5, Haiku 5.5, Fable, Mythos, and unknown future Claude ids): factor 1.3 — the newer tokenizer counts ≈ 30% more than Haiku 4.5 (models.md §1a).</description></item>
/// </list>
/// </summary>
internal sealed class TokenEstimator
{
    /// <summary>Tokens added per chat message (role and separators), as in OpenAI's published counting recipe.</summary>
    public const int PerMessageOverhead = 4;

    /// <summary>Tokens added once per request (reply priming), for OpenAI.</summary>
    public const int PerRequestOverhead = 3;

    /// <summary>Tokens added when a response schema is sent (wrapper and instructions around the schema JSON).</summary>
    public const int SchemaOverhead = 50;

    /// <summary>Anthropic and OpenAI PDF pages: floor per page (Anthropic documents 1,500–3,000 tokens per page, text plus page image).</summary>
    public const int PdfPageTokensFloor = 2_000;

    /// <summary>Anthropic and OpenAI PDF pages: the page-image part, added to the extracted text tokens (Anthropic caps an image at ≈ 1,600 tokens).</summary>
    public const int PdfPageImageTokens = 1_600;

    /// <summary>Gemini PDF pages: each page is billed as 258 tokens (native PDF input).</summary>
    public const int GeminiPdfPageTokens = 258;

    /// <summary>
    /// Tokens per image for every provider, without decoding the image: conservative upper bound
    /// (Anthropic (w×h)/750 capped ≈ 1,600; OpenAI 85 + 170 × tiles, ≤ ≈ 1,100 at high detail; Gemini 258 per 768 px tile).
    /// </summary>
    public const int ImageTokens = 1_600;

    /// <summary>Bytes per token assumed when a text file's content is not available (plain English is ≈ 4).</summary>
    public const int BytesPerTokenFallback = 3;

    /// <summary>The longest run without whitespace counted in one piece; longer runs are cut (see <see cref="CountTokens"/>).</summary>
    internal const int MaxRunChars = 256;

    /// <summary>The length after which long text is cut at the next whitespace (see <see cref="CountTokens"/>).</summary>
    internal const int PieceChars = 4_096;

    private readonly Lock _gate = new();
    private readonly WeakReference<Tokenizer?> _tokenizer = new(null);

    /// <summary>Initializes a new instance with a tokenizer of its own (tests; everyone else uses <see cref="Shared"/>).</summary>
    internal TokenEstimator()
    {
    }

    /// <summary>
    /// Gets the shared instance. Its tokenizer (about 30 MB of vocabulary) is created on first use and kept while
    /// someone <see cref="Hold"/>s it: a <see cref="Batch"/> does while jobs are added, and lets go when it runs,
    /// so a long run does not carry the vocabulary it no longer needs (the garbage collector then frees it).
    /// </summary>
    public static TokenEstimator Shared { get; } = new();

    /// <summary>
    /// Returns the tokenizer, creating it when no one holds it; keeping the returned object keeps the tokenizer
    /// for every caller of <see cref="Shared"/> (without a holder it may be created again after a collection).
    /// </summary>
    public object Hold() => Tokenizer();

    /// <summary>
    /// The o200k_base tokenizer, built from the vocabulary that Microsoft.ML.Tokenizers.Data.O200kBase embeds. Not
    /// <c>CreateForEncoding</c>: that keeps the vocabulary in a static cache for the life of the process, so it could
    /// never be let go (the tests compare the counts with it).
    /// </summary>
    private static TiktokenTokenizer CreateTokenizer()
    {
        const string DataAssembly = "Microsoft.ML.Tokenizers.Data.O200kBase";
        const string Vocabulary = "o200k_base.tiktoken.deflate";
        using var compressed = Assembly.Load(DataAssembly).GetManifestResourceStream(Vocabulary)
            ?? throw new InvalidOperationException($"The token vocabulary {Vocabulary} is missing from {DataAssembly}: reinstall Batchata.");
        using var vocabulary = new DeflateStream(compressed, CompressionMode.Decompress);
        return TiktokenTokenizer.CreateForModel("gpt-4o", vocabulary); // gpt-4o: the o200k_base pre-tokenizer and special tokens
    }

    private Tokenizer Tokenizer()
    {
        if (_tokenizer.TryGetTarget(out var held) && held is not null)
        {
            return held;
        }

        lock (_gate)
        {
            if (!_tokenizer.TryGetTarget(out held) || held is null)
            {
                held = CreateTokenizer();
                _tokenizer.SetTarget(held);
            }

            return held;
        }
    }

    /// <summary>
    /// Counts the o200k_base tokens of <paramref name="text"/>. Long text is counted in pieces of about
    /// <see cref="PieceChars"/> characters cut before whitespace, which gives the same count (the tokenizer's
    /// pre-tokens never span whitespace and a leading space stays with its word). A run of more than
    /// <see cref="MaxRunChars"/> characters without whitespace (base64, a minified file, "xxxx…") is cut every
    /// <see cref="MaxRunChars"/> characters: BPE merging is quadratic in the length of one pre-token, so 6 M
    /// characters of one run took more than 5 minutes uncut and take under a second cut, at the price of at most one
    /// extra token per cut (the estimate errs high, the safe side for a cost limit).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The token count; 0 for null or empty text.</returns>
    public long CountTokens(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var bpe = Tokenizer();
        if (text.Length <= MaxRunChars)
        {
            return bpe.CountTokens(text);
        }

        long total = 0;
        var start = 0;
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                run = 0;
                if (i - start >= PieceChars)
                {
                    total += bpe.CountTokens(text.AsSpan(start, i - start));
                    start = i;
                }
            }
            else if (++run >= MaxRunChars && !char.IsHighSurrogate(text[i]))
            {
                total += bpe.CountTokens(text.AsSpan(start, i + 1 - start));
                start = i + 1;
                run = 0;
            }
        }

        return total + bpe.CountTokens(text.AsSpan(start));
    }

    /// <summary>The calibrated factor applied to o200k counts for <paramref name="model"/>; see the class remarks.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The factor.</returns>
    public static decimal ProviderFactor(ModelInfo model) => ProviderFactor(model.Provider, model.Id);

    /// <summary>The calibrated factor applied to o200k counts for a provider and model id.</summary>
    /// <param name="provider">anthropic, openai or gemini.</param>
    /// <param name="modelId">The model id, or null for the provider's newest tokenizer.</param>
    /// <returns>The factor.</returns>
    public static decimal ProviderFactor(string provider, string? modelId) => provider.ToLowerInvariant() switch
    {
        ProviderDescriptors.OpenAIName => 1.0m,
        ProviderDescriptors.GeminiName => 1.0m,
        ProviderDescriptors.AnthropicName => modelId is not null && UsesOldClaudeTokenizer(modelId) ? 1.0m : 1.3m,
        _ => 1.3m,
    };

    /// <summary>
    /// Estimates the prompt tokens of a job: every message (plus <see cref="PerMessageOverhead"/>), the
    /// response schema JSON (plus <see cref="SchemaOverhead"/>), <see cref="PerRequestOverhead"/>, scaled by
    /// <see cref="ProviderFactor(ModelInfo)"/>, plus <paramref name="fileTokens"/> (already provider-specific).
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="model">The model that will run it.</param>
    /// <param name="fileTokens">The estimate of the attached file, from <see cref="EstimateFileTokens"/>.</param>
    /// <returns>The estimated prompt tokens.</returns>
    public long EstimateInputTokens(JobRequest job, ModelInfo model, long fileTokens = 0)
    {
        // The reply-priming overhead is OpenAI's published recipe; Anthropic and Gemini count the turns only.
        long raw = model.Provider == ProviderDescriptors.OpenAIName ? PerRequestOverhead : 0;
        foreach (var message in job.Messages)
        {
            raw += CountTokens(message.Text) + PerMessageOverhead;
        }

        if (job.ResponseSchema is { } schema)
        {
            raw += CountTokens(schema.GetRawText()) + SchemaOverhead;
        }

        return Scale(raw, ProviderFactor(model)) + Math.Max(0, fileTokens);
    }

    /// <summary>
    /// Estimates the prompt tokens of an attached file. Text and DOCX: the tokens of <paramref name="text"/>
    /// (or <paramref name="bytes"/> / <see cref="BytesPerTokenFallback"/>) times the provider factor. PDF: Gemini
    /// <see cref="GeminiPdfPageTokens"/> per page; Anthropic and OpenAI the larger of <see cref="PdfPageTokensFloor"/>
    /// per page and text tokens plus <see cref="PdfPageImageTokens"/> per page. Image: <see cref="ImageTokens"/>.
    /// </summary>
    /// <param name="kind">The file kind.</param>
    /// <param name="bytes">The file size in bytes.</param>
    /// <param name="pages">The page count (PDF), or 0 when unknown.</param>
    /// <param name="text">The extracted text, or null when not extracted.</param>
    /// <param name="provider">anthropic, openai or gemini.</param>
    /// <returns>The estimated tokens.</returns>
    public long EstimateFileTokens(JobFileKind kind, long bytes, int pages, string? text, string provider)
    {
        var factor = ProviderFactor(provider, null);
        var textTokens = text is null ? Math.Max(0, bytes) / BytesPerTokenFallback : CountTokens(text);
        var isGemini = string.Equals(provider, ProviderDescriptors.GeminiName, StringComparison.OrdinalIgnoreCase);
        switch (kind)
        {
            case JobFileKind.Image:
                return ImageTokens;
            case JobFileKind.Pdf when pages > 0:
                if (isGemini)
                {
                    return (long)pages * GeminiPdfPageTokens;
                }

                var withText = (text is null ? 0 : Scale(textTokens, factor)) + ((long)pages * PdfPageImageTokens);
                return Math.Max((long)pages * PdfPageTokensFloor, withText);
            default:
                // Text, DOCX, or a PDF whose page count is unknown: count the text.
                return Scale(textTokens, factor);
        }
    }

    private static long Scale(long tokens, decimal factor) => (long)Math.Ceiling(tokens * factor);

    private static bool UsesOldClaudeTokenizer(string id)
    {
        string[] old =
        [
            "claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-5", "claude-sonnet-4-6", "claude-opus-4-6",
            "claude-opus-4-1", "claude-opus-4-0", "claude-opus-4-2025", "claude-sonnet-4-0", "claude-sonnet-4-2025",
            "claude-3", "claude-2", "claude-1", "claude-instant",
        ];
        return old.Any(prefix => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
