namespace Batchata;

/// <summary>A job's input file as an Anthropic content block needs it.</summary>
/// <param name="Kind">The file kind.</param>
/// <param name="MediaType">The media type of the source (application/pdf, text/plain, image/png, ...).</param>
/// <param name="Title">The document title (the file name).</param>
/// <param name="Base64">The base64 content for PDFs and images, else null.</param>
/// <param name="Text">The extracted text for text-like documents (TXT, MD, DOCX), else null.</param>
internal sealed record AnthropicFileContent(JobFileKind Kind, string MediaType, string Title, string? Base64, string? Text);
