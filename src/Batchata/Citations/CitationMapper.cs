using System.Text;
using System.Text.Json;

namespace Batchata;

/// <summary>
/// Maps the citations of an answer's text blocks to the fields of its parsed JSON by position: the blocks are
/// concatenated with their offsets, the JSON is scanned with value spans, and each cited block's citations go to
/// the leaf values its span overlaps.
/// </summary>
internal static class CitationMapper
{
    /// <summary>Confidence when the mapping is unambiguous.</summary>
    public const string High = "high";

    /// <summary>Confidence when a block covers several values or only partly overlaps one.</summary>
    public const string Medium = "medium";

    /// <summary>Confidence when no value overlaps the block and the nearest value in the same container is used.</summary>
    public const string Low = "low";

    /// <summary>Maps citations to leaf paths (<c>name</c>, <c>vendor.address.city</c>, <c>items[2].amount</c>).</summary>
    /// <param name="blocks">The answer's text blocks in order.</param>
    /// <param name="parsed">The parsed answer; the mapping is empty when the JSON found in the text differs from it.</param>
    /// <returns>For each leaf path with citations, copies of the citations carrying Confidence and MatchReason.</returns>
    public static IReadOnlyDictionary<string, IReadOnlyList<Citation>> Map(IReadOnlyList<ResponseTextBlock> blocks, JsonElement parsed)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var result = new Dictionary<string, List<Citation>>(StringComparer.Ordinal);
        var (text, offsets) = Concatenate(blocks);
        if (JsonTextLocator.Locate(text) is not { } location
            || JsonSpanScanner.Scan(text, location.Start, location.Length) is not { } spans
            || !SameJson(text, location, parsed))
        {
            return Freeze(result);
        }

        var leaves = spans.Where(s => s.IsLeaf).ToList();
        var containers = spans.Where(s => !s.IsLeaf).ToList();
        for (int b = 0; b < blocks.Count; b++)
        {
            var (start, end) = offsets[b];
            if (blocks[b].Citations is not { Count: > 0 } citations || end <= start)
            {
                continue;
            }

            foreach (var (leaf, confidence, reason) in Match(start, end, leaves, containers))
            {
                if (!result.TryGetValue(leaf.Path, out var list))
                {
                    result[leaf.Path] = list = [];
                }

                list.AddRange(citations.Select(c => With(c, confidence, reason)));
            }
        }

        return Freeze(result);
    }

    /// <summary>Returns all citations of all blocks, in order (for <c>JobResult.Citations</c>).</summary>
    /// <param name="blocks">The answer's text blocks.</param>
    /// <returns>The citations.</returns>
    public static IReadOnlyList<Citation> Flatten(IReadOnlyList<ResponseTextBlock>? blocks) =>
        blocks is null ? [] : [.. blocks.SelectMany(b => b.Citations ?? [])];

    private static IEnumerable<(JsonValueSpan Leaf, string Confidence, string Reason)> Match(
        int start, int end, List<JsonValueSpan> leaves, List<JsonValueSpan> containers)
    {
        // Leaves are in document order and never overlap, so they are sorted by both start and end.
        int first = FirstEndingAfter(leaves, start);
        var overlapping = new List<JsonValueSpan>();
        for (int i = first; i < leaves.Count && leaves[i].ContentStart < end; i++)
        {
            if (leaves[i].ContentEnd > start)
            {
                overlapping.Add(leaves[i]);
            }
        }

        if (overlapping.Count == 1)
        {
            var leaf = overlapping[0];
            if (leaf.Start <= start && end <= leaf.End)
            {
                return [(leaf, High, "block inside value span")];
            }

            if (start <= leaf.ContentStart && leaf.ContentEnd <= end)
            {
                return [(leaf, High, "value inside block span")];
            }

            return [(leaf, Medium, "block partly overlaps value span")];
        }

        if (overlapping.Count > 1)
        {
            string reason = $"block covers {overlapping.Count} values";
            return overlapping.Select(l => (l, Medium, reason));
        }

        return Nearest(start, end, first, leaves, containers) is { } nearest
            ? [(nearest, Low, "no value in block; nearest value in the same object")]
            : [];
    }

    /// <summary>Returns the index of the first leaf whose content ends after <paramref name="position"/>.</summary>
    private static int FirstEndingAfter(List<JsonValueSpan> leaves, int position)
    {
        int lo = 0, hi = leaves.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (leaves[mid].ContentEnd > position)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    private static JsonValueSpan? Nearest(int start, int end, int next, List<JsonValueSpan> leaves, List<JsonValueSpan> containers)
    {
        JsonValueSpan? container = null;
        foreach (var c in containers)
        {
            if (c.Start <= start && end <= c.End && (container is null || c.End - c.Start < container.End - container.Start))
            {
                container = c;
            }
        }

        if (container is null)
        {
            return null;
        }

        bool Inside(JsonValueSpan l) => container.Start <= l.Start && l.End <= container.End;
        var after = next < leaves.Count && Inside(leaves[next]) ? leaves[next] : null;
        var before = next > 0 && Inside(leaves[next - 1]) ? leaves[next - 1] : null;
        if (after is null || before is null)
        {
            return after ?? before;
        }

        return after.Start - end <= start - before.End ? after : before;
    }

    private static (string Text, (int Start, int End)[] Offsets) Concatenate(IReadOnlyList<ResponseTextBlock> blocks)
    {
        var text = new StringBuilder();
        var offsets = new (int, int)[blocks.Count];
        for (int i = 0; i < blocks.Count; i++)
        {
            int start = text.Length;
            text.Append(blocks[i].Text);
            offsets[i] = (start, text.Length);
        }

        return (text.ToString(), offsets);
    }

    private static bool SameJson(string text, (int Start, int Length) location, JsonElement parsed)
    {
        if (parsed.ValueKind == JsonValueKind.Undefined)
        {
            return true;
        }

        try
        {
            using var doc = JsonDocument.Parse(text.AsMemory(location.Start, location.Length));
            return JsonElement.DeepEquals(doc.RootElement, parsed);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Citation With(Citation c, string confidence, string reason) => new()
    {
        Text = c.Text,
        Source = c.Source,
        Page = c.Page,
        EndPage = c.EndPage,
        StartChar = c.StartChar,
        EndChar = c.EndChar,
        DocumentIndex = c.DocumentIndex,
        Kind = c.Kind,
        Confidence = confidence,
        MatchReason = reason,
    };

    private static Dictionary<string, IReadOnlyList<Citation>> Freeze(Dictionary<string, List<Citation>> map) =>
        map.ToDictionary(p => p.Key, p => (IReadOnlyList<Citation>)p.Value, StringComparer.Ordinal);
}
