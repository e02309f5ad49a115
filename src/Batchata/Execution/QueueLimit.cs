namespace Batchata;

/// <summary>A known provider queue limit (see <see cref="Batch.SetQueueLimit"/>).</summary>
/// <param name="Name">A provider name (anthropic, openai, gemini) or a model id.</param>
/// <param name="MaxEnqueuedTokens">The most estimated prompt tokens in batches that have not ended, or null.</param>
/// <param name="MaxQueuedRequests">The most requests in batches that have not ended, or null.</param>
internal sealed record QueueLimit(string Name, long? MaxEnqueuedTokens, int? MaxQueuedRequests);
