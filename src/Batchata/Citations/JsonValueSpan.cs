namespace Batchata;

/// <summary>Where one JSON value lies in the answer text.</summary>
/// <param name="Path">The value's path: <c>name</c>, <c>address.city</c>, <c>items[2].amount</c>; empty for the root.</param>
/// <param name="Start">The index of the value's first character (the opening quote for strings).</param>
/// <param name="End">The index just past the value's last character (exclusive).</param>
/// <param name="IsLeaf">Whether the value is a string, number, boolean or null (not an object or array).</param>
internal sealed record JsonValueSpan(string Path, int Start, int End, bool IsLeaf)
{
    /// <summary>Gets the start of the value's content: inside the quotes for non-empty strings, else <see cref="Start"/>.</summary>
    public int ContentStart { get; init; } = Start;

    /// <summary>Gets the end of the value's content (exclusive): inside the quotes for non-empty strings, else <see cref="End"/>.</summary>
    public int ContentEnd { get; init; } = End;
}
