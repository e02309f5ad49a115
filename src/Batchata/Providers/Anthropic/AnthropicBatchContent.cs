using System.Net;
using System.Net.Http.Headers;

namespace Batchata;

/// <summary>
/// The body of a batch create, <c>{"requests":[line,line,…]}</c>, written straight from the encoded lines
/// to the request stream (no whole-body string), with a known length.
/// </summary>
internal sealed class AnthropicBatchContent : HttpContent
{
    private static readonly byte[] Head = "{\"requests\":["u8.ToArray();
    private static readonly byte[] Tail = "]}"u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();
    private readonly IReadOnlyList<EncodedRequest> _requests;

    public AnthropicBatchContent(IReadOnlyList<EncodedRequest> requests)
    {
        _requests = requests;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    /// <summary>The exact body length for <paramref name="requests"/>.</summary>
    public static long LengthOf(IReadOnlyList<EncodedRequest> requests)
    {
        long length = Head.Length + Tail.Length + Math.Max(0, requests.Count - 1);
        if (requests is RequestSpool spool)
        {
            return length + spool.TotalBytes; // without reading the lines back
        }

        foreach (var request in requests)
        {
            length += request.Line.Length;
        }

        return length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Not disposed: that would close the transport stream, which belongs to the handler.
        var buffered = new BufferedStream(stream, 64 * 1024);
        await buffered.WriteAsync(Head, cancellationToken).ConfigureAwait(false);
        var first = true;
        foreach (var request in _requests)
        {
            if (!first)
            {
                await buffered.WriteAsync(Comma, cancellationToken).ConfigureAwait(false);
            }

            first = false;
            await buffered.WriteAsync(request.Line, cancellationToken).ConfigureAwait(false);
        }

        await buffered.WriteAsync(Tail, cancellationToken).ConfigureAwait(false);
        await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = LengthOf(_requests);
        return true;
    }
}
