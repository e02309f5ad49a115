namespace Batchata;

/// <summary>What a catalog refresh changed about one model.</summary>
public enum CatalogChangeKind
{
    /// <summary>The provider lists a model the catalog did not know.</summary>
    New,

    /// <summary>The model became deprecated.</summary>
    Deprecated,

    /// <summary>The model became retired.</summary>
    Retired,

    /// <summary>The lifecycle changed otherwise (e.g. back to active).</summary>
    Lifecycle,

    /// <summary>The deprecation or retirement date changed.</summary>
    Dates,

    /// <summary>The context window or maximum output changed.</summary>
    Limits,

    /// <summary>The capabilities changed.</summary>
    Capabilities,
}
