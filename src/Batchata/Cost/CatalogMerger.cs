using System.Globalization;

namespace Batchata;

/// <summary>
/// Merges what the providers' models endpoints said into an override catalog: unknown ids become new entries
/// (prices unknown, 0), known ids get lifecycle, dates, limits and capabilities updated (prices kept). Only
/// models that differ from the base catalog are written, so the embedded prices stay in charge.
/// </summary>
internal static class CatalogMerger
{
    /// <summary>The note on entries a refresh added.</summary>
    public const string PriceUnknown = "price unknown: edit this override to add prices";

    public static (IReadOnlyList<ModelInfo> Overrides, IReadOnlyList<CatalogChange> Changes) Merge(
        ModelCatalog baseCatalog, ModelCatalog? overrides, IEnumerable<FetchedModel> fetched, DateOnly today)
    {
        var effective = overrides is null ? baseCatalog : baseCatalog.WithOverrides(overrides);
        var result = new List<ModelInfo>(overrides?.Models ?? []);
        var changes = new List<CatalogChange>();
        foreach (var f in fetched)
        {
            if (!effective.TryGet(f.Id, out var current))
            {
                var created = New(f, today);
                result.Add(created);
                changes.Add(new CatalogChange(f.Provider, f.Id, CatalogChangeKind.New, NewDetail(created)));
                continue;
            }

            if (!string.Equals(current.Id, f.Id, StringComparison.OrdinalIgnoreCase))
            {
                continue; // an alias of a model the provider lists by its own id
            }

            var (updated, kind, detail) = Update(current, f);
            if (kind is null)
            {
                continue;
            }

            var index = result.FindIndex(m => string.Equals(m.Id, current.Id, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                result[index] = updated;
            }
            else
            {
                result.Add(updated);
            }

            changes.Add(new CatalogChange(current.Provider, current.Id, kind.Value, detail));
        }

        return (result, changes);
    }

    private static ModelInfo New(FetchedModel f, DateOnly today)
    {
        var reasoning = f.Provider == ProviderDescriptors.OpenAIName && IsOpenAIReasoning(f.Id);
        var preview = f.Id.Contains("preview", StringComparison.Ordinal) || f.Id.Contains("-exp", StringComparison.Ordinal);
        var notes = $"{PriceUnknown}; added by 'batchata models --refresh' on {Format(today)}";
        return new ModelInfo
        {
            Id = f.Id,
            Provider = f.Provider,
            Endpoint = f.Provider == ProviderDescriptors.OpenAIName && OpenAIEndpoints.IsResponsesOnlyId(f.Id) ? OpenAIEndpoints.Responses : null,
            Lifecycle = f.Lifecycle ?? (preview ? ModelLifecycle.Preview : ModelLifecycle.Active),
            DeprecatedOn = f.DeprecatedOn,
            RetiresOn = f.RetiresOn,
            ContextWindow = f.ContextWindow ?? 0,
            MaxOutputTokens = f.MaxOutputTokens ?? 0,
            Capabilities = new ModelCapabilities
            {
                Vision = f.Vision ?? true,
                Pdf = f.Pdf ?? true,
                Citations = f.Citations ?? f.Provider == ProviderDescriptors.AnthropicName,
                StructuredOutput = f.StructuredOutput ?? true,
                Temperature = f.Provider == ProviderDescriptors.GeminiName,
                Reasoning = reasoning,
            },
            Notes = f.NoBatch ? notes + "; the provider says batches do not accept it" : notes,
        };
    }

    private static (ModelInfo Updated, CatalogChangeKind? Kind, string Detail) Update(ModelInfo m, FetchedModel f)
    {
        // The endpoints only say "active"; the catalog's finer legacy/preview stages are kept.
        var lifecycle = f.Lifecycle switch
        {
            null => m.Lifecycle,
            ModelLifecycle.Active when m.Lifecycle is ModelLifecycle.Legacy or ModelLifecycle.Preview => m.Lifecycle,
            { } l => l,
        };
        var c = m.Capabilities;
        var caps = new ModelCapabilities
        {
            Vision = f.Vision ?? c.Vision,
            Pdf = f.Pdf ?? c.Pdf,
            Citations = f.Citations ?? c.Citations,
            StructuredOutput = f.StructuredOutput ?? c.StructuredOutput,
            Temperature = c.Temperature,
            Reasoning = c.Reasoning,
            NoForcedToolUse = c.NoForcedToolUse,
            ThinkingAlwaysOn = c.ThinkingAlwaysOn,
        };
        var updated = new ModelInfo
        {
            Id = m.Id,
            Provider = m.Provider,
            Endpoint = m.Endpoint,
            Aliases = m.Aliases,
            Lifecycle = lifecycle,
            DeprecatedOn = f.DeprecatedOn ?? m.DeprecatedOn,
            RetiresOn = f.RetiresOn ?? m.RetiresOn,
            Replacement = m.Replacement,
            Pricing = m.Pricing,
            ContextWindow = f.ContextWindow ?? m.ContextWindow,
            MaxOutputTokens = f.MaxOutputTokens ?? m.MaxOutputTokens,
            Capabilities = caps,
            Notes = m.Notes,
        };

        var details = new List<string>();
        CatalogChangeKind? kind = null;
        if (updated.Lifecycle != m.Lifecycle)
        {
            details.Add($"lifecycle {Name(m.Lifecycle)} → {Name(updated.Lifecycle)}");
            kind = updated.Lifecycle switch
            {
                ModelLifecycle.Retired => CatalogChangeKind.Retired,
                ModelLifecycle.Deprecated => CatalogChangeKind.Deprecated,
                _ => CatalogChangeKind.Lifecycle,
            };
        }

        if (updated.DeprecatedOn != m.DeprecatedOn || updated.RetiresOn != m.RetiresOn)
        {
            if (updated.DeprecatedOn != m.DeprecatedOn)
            {
                details.Add($"deprecated on {Format(updated.DeprecatedOn)}");
            }

            if (updated.RetiresOn != m.RetiresOn)
            {
                details.Add($"retires on {Format(updated.RetiresOn)}");
            }

            kind ??= CatalogChangeKind.Dates;
        }

        if (updated.ContextWindow != m.ContextWindow || updated.MaxOutputTokens != m.MaxOutputTokens)
        {
            details.Add(string.Create(CultureInfo.InvariantCulture, $"context {m.ContextWindow} → {updated.ContextWindow}, max output {m.MaxOutputTokens} → {updated.MaxOutputTokens}"));
            kind ??= CatalogChangeKind.Limits;
        }

        var capDetail = CapabilityDiff(c, caps);
        if (capDetail.Length > 0)
        {
            details.Add(capDetail);
            kind ??= CatalogChangeKind.Capabilities;
        }

        return (updated, kind, string.Join("; ", details));
    }

    private static string CapabilityDiff(ModelCapabilities a, ModelCapabilities b)
    {
        var parts = new List<string>();
        Add(parts, "vision", a.Vision, b.Vision);
        Add(parts, "pdf", a.Pdf, b.Pdf);
        Add(parts, "citations", a.Citations, b.Citations);
        Add(parts, "structured output", a.StructuredOutput, b.StructuredOutput);
        return parts.Count == 0 ? "" : "capabilities: " + string.Join(", ", parts);

        static void Add(List<string> parts, string name, bool before, bool after)
        {
            if (before != after)
            {
                parts.Add(after ? "+" + name : "-" + name);
            }
        }
    }

    private static string NewDetail(ModelInfo m)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Name(m.Lifecycle)}, context {m.ContextWindow}, max output {m.MaxOutputTokens}");
        if (m.RetiresOn is { } r)
        {
            text += $", retires on {Format(r)}";
        }

        return text + "; " + PriceUnknown;
    }

    /// <summary>OpenAI reasoning families: o1/o3/o4…, gpt-5 and later.</summary>
    private static bool IsOpenAIReasoning(string id)
    {
        if (id.Length > 1 && id[0] == 'o' && char.IsAsciiDigit(id[1]))
        {
            return true;
        }

        var digits = id.StartsWith("gpt-", StringComparison.Ordinal) ? new string(id[4..].TakeWhile(char.IsAsciiDigit).ToArray()) : "";
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var major) && major >= 5;
    }

    private static string Name(ModelLifecycle lifecycle) => lifecycle.ToString().ToLowerInvariant();

    private static string Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(none)";
}
