using System.Net;
using System.Text;

namespace Batchata.Tests.Providers.Anthropic;

/// <summary>A hand-written HTTP handler: answers from a callback and records every request with its body.</summary>
internal sealed class FakeAnthropicHandler : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

    public Func<HttpRequestMessage, int, HttpResponseMessage> Respond { get; set; } = (_, _) => Json(200, "{}");

    public static HttpResponseMessage Json(int status, string json)
        => new((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        return Respond(request, Requests.Count - 1);
    }
}
