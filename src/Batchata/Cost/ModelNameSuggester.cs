namespace Batchata;

/// <summary>Finds known model ids close to a misspelt one.</summary>
internal static class ModelNameSuggester
{
    /// <summary>Returns up to <paramref name="max"/> canonical ids close to <paramref name="name"/>.</summary>
    /// <param name="models">The known models.</param>
    /// <param name="name">The unknown name.</param>
    /// <param name="max">The most suggestions.</param>
    /// <returns>Ids, best first: prefix matches, then edit distance up to a third of the name's length; non-retired models first.</returns>
    public static IReadOnlyList<string> Suggest(IReadOnlyList<ModelInfo> models, string name, int max)
    {
        if (string.IsNullOrWhiteSpace(name) || max <= 0)
        {
            return [];
        }

        var needle = name.Trim().ToLowerInvariant();
        var limit = Math.Max(2, needle.Length / 3);
        var scored = new List<(string Id, int Score, bool Retired)>();
        foreach (var model in models)
        {
            var best = int.MaxValue;
            foreach (var candidate in model.Aliases.Prepend(model.Id))
            {
                var c = candidate.ToLowerInvariant();
                var score = c.StartsWith(needle, StringComparison.Ordinal) || needle.StartsWith(c, StringComparison.Ordinal)
                    ? 0
                    : Distance(needle, c);
                best = Math.Min(best, score);
            }

            if (best <= limit)
            {
                scored.Add((model.Id, best, model.Lifecycle == ModelLifecycle.Retired));
            }
        }

        return scored
            .OrderBy(s => s.Retired)
            .ThenBy(s => s.Score)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => s.Id)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .ToList();
    }

    /// <summary>The Levenshtein distance of two strings.</summary>
    /// <param name="a">The first string.</param>
    /// <param name="b">The second string.</param>
    /// <returns>The number of single-character edits.</returns>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
