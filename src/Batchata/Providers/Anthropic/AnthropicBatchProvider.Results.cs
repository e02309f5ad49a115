using System.Runtime.CompilerServices;

namespace Batchata;

/// <content>Streaming the results JSONL, resuming a broken download without duplicating or losing results.</content>
internal sealed partial class AnthropicBatchProvider
{
    /// <summary>How many times a broken result stream is downloaded again.</summary>
    internal const int ResultDownloadRetries = 3;

    /// <inheritdoc/>
    public async IAsyncEnumerable<ProviderResult> ReadResultsAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var yielded = new HashSet<string>(StringComparer.Ordinal);
        var url = BatchUrl(batchId, "/results");
        for (var attempt = 0; ; attempt++)
        {
            string? problem = null;
            using (var response = await _http.SendAsync(() => Request(HttpMethod.Get, url), SendMode.Idempotent, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false))
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                while (true)
                {
                    var (line, error) = await TryReadLineAsync(reader, cancellationToken).ConfigureAwait(false);
                    if (error is not null)
                    {
                        problem = error;
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

                    if (AnthropicResultParser.TryParse(line) is not { } result)
                    {
                        problem = "a result line did not parse (the stream was cut)";
                        break;
                    }

                    if (yielded.Add(result.CustomId))
                    {
                        yield return result;
                    }
                }
            }

            if (problem is null)
            {
                yield break;
            }

            if (attempt >= ResultDownloadRetries)
            {
                throw new ProviderException(Name, 0, "results_stream_broken", $"the results of batch '{batchId}' could not be read completely after {attempt + 1} downloads: {problem}", isTransient: true);
            }
        }
    }

    private static async Task<(string? Line, string? Error)> TryReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
