namespace Batchata;

/// <summary>What <see cref="FileValidator"/> learnt of a file: its size in bytes, its PDF page count (else 0) and its DOCX text (else null).</summary>
internal sealed record FileFacts(long Bytes, int Pages, string? Text);
