namespace Batchata;

/// <summary>Checks that an inspected input file can be sent to a given model: type, size, pages and citations.</summary>
internal static class FileValidator
{
    /// <summary>
    /// Validates one file for one model: images need vision and a provider-accepted format; PDFs need PDF input,
    /// must open (not encrypted, not damaged) and fit the size and page limits; text and extracted DOCX text must
    /// fit the size limit; citations need a model with citations and a text, DOCX or PDF document with text.
    /// </summary>
    /// <param name="file">The file, as returned by <see cref="FileInspector.Inspect"/>.</param>
    /// <param name="model">The model the job runs on.</param>
    /// <param name="enableCitations">Whether the job asks for citations.</param>
    /// <param name="jobId">The id of the job, for error messages.</param>
    /// <param name="limits">The limits to apply; null means <see cref="FileLimits.ForProvider"/> of the model's provider.</param>
    /// <exception cref="BatchValidationException">The file cannot be sent to this model; the message names the file and the job and says what to do.</exception>
    /// <returns>What validation learnt of the file on the way (size, PDF pages, DOCX text), so callers need not read it again.</returns>
    public static FileFacts Validate(JobFile file, ModelInfo model, bool enableCitations, string? jobId, FileLimits? limits = null)
        => Validate(file, Length(file, jobId), () => ReadAll(file, jobId), model, enableCitations, jobId, limits);

    /// <summary>Validates content given in memory (a <c>DataContent</c> of a message) by the same rules; <paramref name="file"/>'s path names it in messages.</summary>
    /// <param name="file">The kind and media type, with a path that names the content for error messages.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="model">The model the job runs on.</param>
    /// <param name="enableCitations">Whether the job asks for citations on this content.</param>
    /// <param name="jobId">The id of the job, for error messages.</param>
    /// <returns>What validation learnt of the content.</returns>
    public static FileFacts ValidateBytes(JobFile file, byte[] bytes, ModelInfo model, bool enableCitations, string? jobId)
        => Validate(file, bytes.LongLength, () => bytes, model, enableCitations, jobId, null);

    private static FileFacts Validate(JobFile file, long length, Func<byte[]> read, ModelInfo model, bool enableCitations, string? jobId, FileLimits? limits)
    {
        limits ??= FileLimits.ForProvider(model.Provider);
        if (enableCitations)
            CheckCitations(file, model, jobId);

        switch (file.Kind)
        {
            case JobFileKind.Image:
                CheckImage(file, model, limits, length, jobId);
                return new FileFacts(length, 0, null);
            case JobFileKind.Pdf:
                return new FileFacts(length, CheckPdf(file, read, model, limits, length, enableCitations, jobId), null);
            case JobFileKind.Text:
                CheckSize(file, "text", length, limits.MaxDocumentBytes, model, "Split the text into smaller files (one job each)", jobId);
                return new FileFacts(length, 0, null);
            case JobFileKind.Docx:
                return new FileFacts(length, 0, CheckDocx(file, read, model, limits, jobId));
            default:
                throw new BatchValidationException(jobId, $"File '{file.Path}' has an unknown kind '{file.Kind}'.");
        }
    }

    private static void CheckCitations(JobFile file, ModelInfo model, string? jobId)
    {
        if (CapabilityChecks.Citations(model) is { } refused)
            throw FileErrors.Rule(file.Path, jobId, $"was given with citations on, but {refused.Problem}", refused.Fix);
        if (file.Kind == JobFileKind.Image)
            throw FileErrors.Rule(file.Path, jobId, "is an image, and citations need a text or PDF document",
                "Turn citations off for this job, or pass a PDF, TXT, MD or DOCX file instead");
    }

    private static void CheckImage(JobFile file, ModelInfo model, FileLimits limits, long length, string? jobId)
    {
        if (CapabilityChecks.Content(model, JobFileKind.Image) is { } refused)
            throw FileErrors.Rule(file.Path, jobId, $"is an image, but {refused.Problem}", refused.Fix);
        if (!limits.ImageMediaTypes.Contains(file.MediaType))
            throw FileErrors.Rule(file.Path, jobId, $"is {file.MediaType}, which {model.Provider} does not accept",
                $"Convert it to one of: {string.Join(", ", limits.ImageMediaTypes)}");
        CheckSize(file, "image", FileLimits.Base64Length(length), limits.MaxImageBytes, model, "Resize or recompress the image", jobId);
    }

    private static int CheckPdf(JobFile file, Func<byte[]> read, ModelInfo model, FileLimits limits, long length, bool enableCitations, string? jobId)
    {
        if (CapabilityChecks.Content(model, JobFileKind.Pdf) is { } refused)
            throw FileErrors.Rule(file.Path, jobId, $"is a PDF, but {refused.Problem}", refused.Fix);
        CheckSize(file, "PDF", FileLimits.Base64Length(length), limits.MaxDocumentBytes, model, "Split the PDF into smaller files (one job each) or compress it", jobId);

        var facts = PdfFacts.Read(read(), checkText: enableCitations);
        if (facts.Encrypted)
            throw FileErrors.Rule(file.Path, jobId, "is an encrypted (password-protected) PDF, which providers cannot read",
                "Remove the password/encryption and save it again");
        if (facts.Error is not null)
            throw FileErrors.Rule(file.Path, jobId, $"is an unreadable PDF ({facts.Error})",
                "Open and re-save it with a PDF tool, or pass a different file");
        if (facts.Pages > limits.MaxPdfPages)
            throw FileErrors.Rule(file.Path, jobId, $"has {facts.Pages} pages; {model.Provider} accepts at most {limits.MaxPdfPages} pages per PDF",
                $"Split the PDF into parts of at most {limits.MaxPdfPages} pages (one job each)");
        if (facts.HasText == false)
            throw FileErrors.Rule(file.Path, jobId, "is an image-only PDF (no page has extractable text), so nothing in it can be cited",
                "Run OCR on it first, or turn citations off for this job");
        return facts.Pages;
    }

    private static string CheckDocx(JobFile file, Func<byte[]> read, ModelInfo model, FileLimits limits, string? jobId)
    {
        // Sent as extracted text, so any model accepts it; the text must exist and fit.
        var text = DocxText.Extract(read(), file.Path, jobId);
        if (string.IsNullOrWhiteSpace(text))
            throw FileErrors.Rule(file.Path, jobId, "is a DOCX with no text in its body (only images, or empty)",
                "Add the text, export it as PDF, or remove the file from the job");
        CheckSize(file, "extracted DOCX text", System.Text.Encoding.UTF8.GetByteCount(text), limits.MaxDocumentBytes, model,
            "Split the document into smaller files (one job each)", jobId);
        return text;
    }

    private static void CheckSize(JobFile file, string what, long size, long max, ModelInfo model, string fix, string? jobId)
    {
        if (size > max)
            throw FileErrors.Rule(file.Path, jobId, $"is too large: the {what} takes {Mb(size)} in the request; {model.Provider} accepts at most {Mb(max)}",
                fix);
    }

    private static string Mb(long bytes) => bytes >= 1024 * 1024
        ? FormattableString.Invariant($"{bytes / (1024.0 * 1024.0):0.#} MB")
        : FormattableString.Invariant($"{bytes} bytes");

    private static long Length(JobFile file, string? jobId)
    {
        try
        {
            return new FileInfo(file.Path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FileErrors.Unreadable(file.Path, jobId, ex);
        }
    }

    private static byte[] ReadAll(JobFile file, string? jobId)
    {
        try
        {
            return File.ReadAllBytes(file.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FileErrors.Unreadable(file.Path, jobId, ex);
        }
    }
}
