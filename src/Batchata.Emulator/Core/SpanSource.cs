using System.Text.RegularExpressions;

namespace Batchata.Emulator.Core;

/// <summary>Quotable spans of the citable documents: sentences of text documents, pages of PDFs.</summary>
internal sealed partial class SpanSource
{
    private const int MaxSpansPerDocument = 4;
    private readonly List<CitationSpan> _spans = [];
    private int _next;

    public SpanSource(IEnumerable<PromptDocument> documents)
    {
        var perDoc = new List<List<CitationSpan>>();
        foreach (var doc in documents.Where(d => d.CitationsEnabled && !d.IsCustomContent))
        {
            var list = new List<CitationSpan>();
            if (doc.IsPdf)
            {
                for (var p = 0; p < doc.Pages.Count && list.Count < MaxSpansPerDocument; p++)
                {
                    if (doc.Pages[p].Trim().Length > 0)
                    {
                        list.Add(new CitationSpan(true, doc.Index, doc.Title, doc.Pages[p], p + 1, p + 2));
                    }
                }
            }
            else
            {
                foreach (Match m in SentenceRegex().Matches(doc.Text))
                {
                    var value = m.Value.TrimEnd();
                    if (value.Length > 0)
                    {
                        list.Add(new CitationSpan(false, doc.Index, doc.Title, value, m.Index, m.Index + value.Length));
                    }

                    if (list.Count >= MaxSpansPerDocument)
                    {
                        break;
                    }
                }
            }

            perDoc.Add(list);
        }

        // Round-robin across documents so every cited document appears early.
        for (var i = 0; i < MaxSpansPerDocument; i++)
        {
            foreach (var list in perDoc.Where(l => i < l.Count))
            {
                _spans.Add(list[i]);
            }
        }
    }

    public bool IsEmpty => _spans.Count == 0;

    public IReadOnlyList<CitationSpan> All => _spans;

    public CitationSpan Next() => _spans[_next++ % _spans.Count];

    [GeneratedRegex(@"[^\s.!?][^.!?\n]*[.!?]?")]
    private static partial Regex SentenceRegex();
}
