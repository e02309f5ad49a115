using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Batchata;

/// <summary>
/// Streams a JSONL result file line by line. A stream that breaks (connection cut, a line cut off mid-way) is
/// downloaded again, and lines whose id was already reported are skipped, so every request appears once.
/// </summary>
internal static class JsonlDownload
{
    /// <summary>The most downloads of one file.</summary>
    public const int MaxAttempts = 4;

    /// <summary>Reads the results of one file.</summary>
    /// <param name="http">The HTTP layer.</param>
    /// <param name="createRequest">Builds the download request (once per attempt).</param>
    /// <param name="parse">Parses one non-empty line (throws <see cref="JsonException"/> on a damaged line; null skips a line that names no request).</param>
    /// <param name="seen">The ids already reported (shared across the files of one batch).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public static async IAsyncEnumerable<ProviderResult> ReadAsync(
        ProviderHttp http,
        Func<HttpRequestMessage> createRequest,
        Func<string, ProviderResult?> parse,
        HashSet<string> seen,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception? cause = null;
            using (var response = await http.SendAsync(createRequest, SendMode.Idempotent, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false))
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);

                // A stream that stalls (the server stops sending without closing) is cut after an idle while and downloaded again.
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                while (true)
                {
                    string? line;
                    try
                    {
                        idle.CancelAfter(http.Retry.ReadIdleTimeout);
                        line = await reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
                        idle.CancelAfter(Timeout.InfiniteTimeSpan);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException
                                               || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        cause = ex is OperationCanceledException ? new TimeoutException($"no data for {http.Retry.ReadIdleTimeout.TotalSeconds:0} s", ex) : ex;
                        break;
                    }
                    if (line is null)
                    {
                        break;
                    }
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }
                    ProviderResult? result;
                    try
                    {
                        result = parse(http.Secrets.Redact(line));
                    }
                    catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
                    {
                        cause = ex;
                        break;
                    }
                    if (result is not null && seen.Add(result.CustomId))
                    {
                        yield return result;
                    }
                }
            }
            if (cause is null)
            {
                yield break;
            }
            if (attempt >= MaxAttempts)
            {
                throw new ProviderException(http.Provider, 0, "broken_result_stream", $"the result file broke off {attempt} times ({cause.Message})", isTransient: true, cause);
            }
        }
    }
}
