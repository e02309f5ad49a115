using System.ComponentModel;

namespace Batchata.IntegrationTests.Structured;

public enum Priority
{
    Low,
    Normal,
    High,
}

public sealed record Address(string City, string Street);

public sealed record LineItem(string Description, int Quantity);

[Description("An invoice extracted from a document.")]
public sealed record Invoice(
    [property: Description("Who issued the invoice.")] string Vendor,
    Address Address,
    List<LineItem> Items,
    Priority Priority,
    string? Note);

public sealed record FlatFacts(string Company, string City, string Product);

public sealed record NestedFacts(string Company, Address Headquarters);
