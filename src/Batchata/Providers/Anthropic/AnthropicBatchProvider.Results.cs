using System.Text.Json;

namespace Batchata;

/// <content>Streaming the results JSONL, resuming a broken download without duplicating or losing results.</content>
internal sealed partial class AnthropicBatchProvider
{
    /// <inheritdoc/>
    public IAsyncEnumerable<ProviderResult> ReadResultsAsync(string batchId, CancellationToken cancellationToken)
    {
        var url = BatchUrl(batchId, "/results");
        return JsonlDownload.ReadAsync(
            _http,
            () => Request(HttpMethod.Get, url),
            line => AnthropicResultParser.TryParse(line) ?? throw new JsonException("a result line did not parse (the stream was cut)"),
            new HashSet<string>(StringComparer.Ordinal),
            cancellationToken);
    }
}
