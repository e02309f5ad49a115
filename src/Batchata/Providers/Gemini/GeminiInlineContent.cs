using System.Net;
using System.Text.Json;

namespace Batchata;

/// <summary>Streams an inline batch create body: <c>{"batch":{"display_name", "input_config":{"requests":{"requests":[…]}}}}</c>.</summary>
internal sealed class GeminiInlineContent : HttpContent
{
    private readonly string _displayName;
    private readonly IReadOnlyList<EncodedRequest> _requests;

    /// <summary>Initializes a new instance of the <see cref="GeminiInlineContent"/> class.</summary>
    public GeminiInlineContent(string displayName, IReadOnlyList<EncodedRequest> requests)
    {
        _displayName = displayName;
        _requests = requests;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    }

    /// <inheritdoc />
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WriteStartObject("batch");
        writer.WriteString("display_name", _displayName);
        writer.WriteStartObject("input_config");
        writer.WriteStartObject("requests");
        writer.WriteStartArray("requests");
        foreach (var request in _requests)
        {
            GeminiRequestEncoder.WriteInline(writer, request.Line);
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
