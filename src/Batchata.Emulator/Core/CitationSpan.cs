namespace Batchata.Emulator.Core;

/// <summary>A quoted span of a document: char range (text docs) or 1-based page range (PDFs), both end-exclusive.</summary>
internal sealed record CitationSpan(bool IsPage, int DocumentIndex, string? DocumentTitle, string CitedText, int Start, int End);
