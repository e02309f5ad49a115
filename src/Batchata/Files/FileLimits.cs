namespace Batchata;

/// <summary>
/// Per-provider limits on one input file. Sizes are compared with the size the file takes inside the
/// request: base64 length for PDFs and images, UTF-8 bytes for text. The values are conservative; tests
/// pass smaller ones so they need not write large files.
/// </summary>
/// <param name="MaxDocumentBytes">The most bytes a PDF or text document may take in the request.</param>
/// <param name="MaxPdfPages">The most pages of one PDF.</param>
/// <param name="MaxImageBytes">The most bytes one image may take in the request (base64).</param>
/// <param name="ImageMediaTypes">The image media types the provider accepts.</param>
internal sealed record FileLimits(long MaxDocumentBytes, int MaxPdfPages, long MaxImageBytes, IReadOnlySet<string> ImageMediaTypes)
{
    private const long MB = 1024 * 1024;

    /// <summary>
    /// Gets the Anthropic limits: a Messages request is at most 32 MB (protocols.md A.1), PDFs at most 100 pages
    /// (protocols.md B.2, historical limit for 200K-context models; 1M-context models may accept more, unconfirmed),
    /// images at most 5 MB each (Anthropic vision docs), PNG/JPEG/GIF/WEBP (protocols.md B.2).
    /// </summary>
    public static FileLimits Anthropic { get; } = new(32 * MB, 100, 5 * MB,
        new HashSet<string> { MediaTypes.Png, MediaTypes.Jpeg, MediaTypes.Gif, MediaTypes.Webp });

    /// <summary>
    /// Gets the OpenAI limits: file inputs at most 32 MB and 100 pages per request (protocols.md C.8, "historically";
    /// newer docs mention 50 MB, so 32 MB is the conservative choice), images at most 20 MB, PNG/JPEG/GIF/WEBP.
    /// </summary>
    public static FileLimits OpenAI { get; } = new(32 * MB, 100, 20 * MB,
        new HashSet<string> { MediaTypes.Png, MediaTypes.Jpeg, MediaTypes.Gif, MediaTypes.Webp });

    /// <summary>
    /// Gets the Gemini limits: inline data at most 20 MB per request (protocols.md D.6), PDFs at most 1000 pages
    /// (Gemini document-understanding docs), images PNG/JPEG/WEBP (protocols.md D.6; GIF is not listed).
    /// </summary>
    public static FileLimits Gemini { get; } = new(20 * MB, 1000, 20 * MB,
        new HashSet<string> { MediaTypes.Png, MediaTypes.Jpeg, MediaTypes.Webp });

    /// <summary>Gets the limits of a provider.</summary>
    /// <param name="provider">anthropic, openai or gemini (case ignored).</param>
    /// <returns>The limits.</returns>
    /// <exception cref="ArgumentException">The provider is unknown.</exception>
    public static FileLimits ForProvider(string provider) => provider.ToLowerInvariant() switch
    {
        ProviderDescriptors.AnthropicName => Anthropic,
        ProviderDescriptors.OpenAIName => OpenAI,
        ProviderDescriptors.GeminiName => Gemini,
        _ => throw new ArgumentException($"Unknown provider '{provider}'.", nameof(provider)),
    };

    /// <summary>Gets the length of the base64 form of <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">A byte count.</param>
    /// <returns>4 × ceil(bytes / 3).</returns>
    public static long Base64Length(long bytes) => (bytes + 2) / 3 * 4;
}
