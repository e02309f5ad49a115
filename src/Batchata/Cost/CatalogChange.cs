namespace Batchata;

/// <summary>One change a catalog refresh made to the override catalog.</summary>
/// <param name="Provider">The provider: anthropic, openai or gemini.</param>
/// <param name="ModelId">The model id.</param>
/// <param name="Kind">The most important kind of change (new, retired, deprecated, ...).</param>
/// <param name="Detail">Every difference, human-readable (e.g. <c>lifecycle active → deprecated; retires 2027-03-01</c>).</param>
public sealed record CatalogChange(string Provider, string ModelId, CatalogChangeKind Kind, string Detail);
