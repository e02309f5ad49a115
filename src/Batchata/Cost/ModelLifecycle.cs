namespace Batchata;

/// <summary>Where a model is in its provider's lifecycle.</summary>
public enum ModelLifecycle
{
    /// <summary>Current and fully supported.</summary>
    Active,

    /// <summary>Superseded but still served with no retirement date announced.</summary>
    Legacy,

    /// <summary>Preview or experimental; may change or go at short notice.</summary>
    Preview,

    /// <summary>Still served, but a retirement date is announced.</summary>
    Deprecated,

    /// <summary>No longer served; requests fail.</summary>
    Retired,
}
