namespace Batchata.Tests.Providers.Anthropic;

/// <summary>An HTTP handler answering from an async callback (for tests that need to hold an answer back).</summary>
internal sealed class DelegatingFake(Func<HttpRequestMessage, string?, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        return await respond(request, body);
    }
}
