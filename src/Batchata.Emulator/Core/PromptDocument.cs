namespace Batchata.Emulator.Core;

/// <summary>A document attached to a request: plain text or the pages of a PDF.</summary>
internal sealed class PromptDocument
{
    public required int Index { get; init; }

    public string? Title { get; init; }

    public bool IsPdf { get; init; }

    /// <summary>Gets the full text (text documents) or the page texts joined by newlines (PDFs).</summary>
    public string Text { get; init; } = "";

    public IReadOnlyList<string> Pages { get; init; } = [];

    public bool CitationsEnabled { get; init; }

    /// <summary>Gets a value indicating whether this is a custom-content document (never quoted by the emulator).</summary>
    public bool IsCustomContent { get; init; }
}
