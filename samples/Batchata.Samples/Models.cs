using System.ComponentModel;

namespace Batchata.Samples;

public enum Priority
{
    Low,
    Normal,
    Urgent,
}

public sealed record InvoiceLine(string Description, int Quantity);

[Description("An invoice.")]
public sealed record Invoice(string Vendor, string City, List<InvoiceLine> Items, Priority Priority);

public sealed record Company(string Name, string City, string Product);
