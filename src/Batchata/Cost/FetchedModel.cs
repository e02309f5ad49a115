namespace Batchata;

/// <summary>What a provider's models endpoint says about one model; null members were not in the answer.</summary>
internal sealed record FetchedModel
{
    public required string Id { get; init; }

    public required string Provider { get; init; }

    public ModelLifecycle? Lifecycle { get; init; }

    public DateOnly? DeprecatedOn { get; init; }

    public DateOnly? RetiresOn { get; init; }

    public long? ContextWindow { get; init; }

    public int? MaxOutputTokens { get; init; }

    public bool? Vision { get; init; }

    public bool? Pdf { get; init; }

    public bool? Citations { get; init; }

    public bool? StructuredOutput { get; init; }

    /// <summary>Gets a value indicating whether the provider says batches do not accept the model.</summary>
    public bool NoBatch { get; init; }
}
