using System.Net;
using System.Text;

namespace Batchata.Tests.Providers.OpenAI;

/// <summary>An HTTP handler answering from a callback and recording every request (method, path, body).</summary>
internal sealed class FakeHandler(Func<HttpRequestMessage, string, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<(HttpMethod Method, string Path, string Body)> Requests { get; } = [];

    public int Count(HttpMethod method, string pathStart)
    {
        lock (Requests)
        {
            return Requests.Count(r => r.Method == method && r.Path.StartsWith(pathStart, StringComparison.Ordinal));
        }
    }

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        int index;
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!.PathAndQuery, body));
            index = Requests.Count(r => r.Method == request.Method && r.Path == request.RequestUri!.PathAndQuery) - 1;
        }
        return answer(request, body, index);
    }
}
