namespace Batchata.Emulator.Core;

/// <summary>One text block of an answer, optionally cited.</summary>
internal sealed record AnswerBlock(string Text, CitationSpan? Citation = null);
