namespace Batchata;

/// <summary>
/// Creates a provider batch without ever creating it twice: a create that failed without proof of rejection
/// (connection reset, 500, timeout) is followed by a look-up of batches with the same tag; only when none is
/// found is the create tried again.
/// </summary>
internal static class CreateReconciler
{
    public static async Task<string> CreateOnceAsync(
        IBatchProvider provider,
        BatchSubmission submission,
        Func<CancellationToken, Task<string>> create,
        TimeProvider timeProvider,
        CancellationToken cancellationToken,
        int maxAttempts = 4)
    {
        var notBefore = timeProvider.GetUtcNow().AddMinutes(-5);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await create(cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderException ex) when (ex.IsTransient && ex.StatusCode != 429 && attempt < maxAttempts)
            {
                // Not a 429: that answer proves nothing was created, ProviderHttp has already retried it where a retry
                // can help, and a 429 on a create while the provider queue is full is admission's to handle at once.
                // The answer does not prove that nothing was created: look before creating again.
                if (await provider.FindBatchAsync(submission, notBefore, cancellationToken).ConfigureAwait(false) is { } existing)
                {
                    return existing;
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt - 1))), timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
