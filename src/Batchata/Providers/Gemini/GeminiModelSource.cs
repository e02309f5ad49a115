namespace Batchata;

/// <summary>
/// Reads Gemini's <c>GET /v1beta/models</c> (paged with <c>pageToken</c>): limits and generation methods. It says
/// nothing about lifecycle, so only new models get one (preview for <c>-preview</c>/<c>-exp</c> ids).
/// </summary>
internal static class GeminiModelSource
{
    /// <summary>Reads every page of models.</summary>
    /// <param name="http">The HTTP layer (retries).</param>
    /// <param name="baseUrl">The API root (without <c>v1beta</c>).</param>
    /// <param name="request">Builds an authorized GET.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<IReadOnlyList<FetchedModel>> FetchAsync(ProviderHttp http, Uri baseUrl, Func<Uri, HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var models = new List<FetchedModel>();
        string? token = null;
        for (var page = 0; page < 100; page++)
        {
            var url = new Uri(baseUrl, ProviderDescriptors.Gemini.ModelsPath + "?pageSize=1000" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)));
            using var doc = await http.SendJsonAsync(() => request(url), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
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
                    Provider = ProviderDescriptors.Gemini.Name,
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
}
