namespace Batchata;

/// <summary>
/// Reads Gemini's <c>GET /v1beta/models</c> (paged with <c>pageToken</c>): limits and generation methods. It says
/// nothing about lifecycle, so only new models get one (preview for <c>-preview</c>/<c>-exp</c> ids).
/// </summary>
internal static class GeminiModelSource
{
    public static async Task<IReadOnlyList<FetchedModel>> FetchAsync(ProviderHttp http, Uri baseUrl, string apiKey, CancellationToken cancellationToken)
    {
        var models = new List<FetchedModel>();
        string? token = null;
        for (var page = 0; page < 100; page++)
        {
            var url = new Uri(baseUrl, "v1beta/models?pageSize=1000" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)));
            using var doc = await http.SendJsonAsync(() => Request(url, apiKey), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
            foreach (var item in ModelJson.Items(ModelJson.Array(doc.RootElement, "models")))
            {
                var name = ModelJson.String(item, "name");
                var methods = ModelJson.Items(ModelJson.Array(item, "supportedGenerationMethods")).Select(m => m.GetString()).ToList();
                if (string.IsNullOrEmpty(name) || !methods.Contains("generateContent"))
                {
                    continue;
                }

                var id = name.StartsWith("models/", StringComparison.Ordinal) ? name[7..] : name;
                models.Add(new FetchedModel
                {
                    Id = id,
                    Provider = "gemini",
                    ContextWindow = ModelJson.Long(item, "inputTokenLimit"),
                    MaxOutputTokens = ModelJson.Long(item, "outputTokenLimit") is { } max ? (int)Math.Min(max, int.MaxValue) : null,
                    NoBatch = !methods.Contains("batchGenerateContent"),
                });
            }

            token = ModelJson.String(doc.RootElement, "nextPageToken");
            if (string.IsNullOrEmpty(token))
            {
                break;
            }
        }

        return models;
    }

    private static HttpRequestMessage Request(Uri url, string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("x-goog-api-key", apiKey);
        return request;
    }
}
