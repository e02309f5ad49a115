using System.Net;

namespace Batchata;

/// <summary>An HTTP body that streams request lines as JSONL (each line followed by <c>\n</c>) without building the whole file.</summary>
internal sealed class JsonlContent : HttpContent
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly IReadOnlyList<EncodedRequest> _requests;

    /// <summary>Initializes a new instance of the <see cref="JsonlContent"/> class.</summary>
    /// <param name="requests">The lines to write.</param>
    public JsonlContent(IReadOnlyList<EncodedRequest> requests) => _requests = requests;

    /// <summary>Gets the length of the body: every line plus its newline.</summary>
    public static long LengthOf(IReadOnlyList<EncodedRequest> requests)
    {
        if (requests is RequestSpool spool)
        {
            return spool.TotalBytes + spool.Count; // without reading the lines back
        }

        long length = 0;
        foreach (var request in requests)
        {
            length += request.Line.Length + 1;
        }
        return length;
    }

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var request in _requests)
        {
            await stream.WriteAsync(request.Line, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = LengthOf(_requests);
        return true;
    }
}
