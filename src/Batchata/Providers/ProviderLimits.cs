namespace Batchata;

/// <summary>The hard limits of one provider batch.</summary>
/// <param name="MaxRequests">The most requests in one batch.</param>
/// <param name="MaxBytes">The most bytes of serialized requests in one batch (measured on the request lines).</param>
internal sealed record ProviderLimits(int MaxRequests, long MaxBytes);
