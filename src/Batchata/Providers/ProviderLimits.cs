namespace Batchata;

/// <summary>The hard limits of one provider batch.</summary>
/// <param name="MaxRequests">The most requests in one batch.</param>
/// <param name="MaxBytes">The most bytes of serialized requests in one batch (measured on the request lines).</param>
/// <param name="QueuePerModel">Whether the provider's queue limit counts per model (OpenAI's enqueued tokens) rather than per provider.</param>
internal sealed record ProviderLimits(int MaxRequests, long MaxBytes, bool QueuePerModel = false);
