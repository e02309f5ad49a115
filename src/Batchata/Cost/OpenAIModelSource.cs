using System.Net.Http.Headers;

namespace Batchata;

/// <summary>
/// Reads OpenAI's <c>GET /v1/models</c> (ids only), then <c>GET /v1/models/{id}</c> of each text model for its
/// <c>shutdown_date</c>. Embedding, audio, image and moderation models are left out.
/// </summary>
internal static class OpenAIModelSource
{
    private static readonly string[] NotText = ["embedding", "tts", "whisper", "dall-e", "image", "audio", "realtime", "transcribe", "moderation", "search", "babbage", "davinci", "sora"];

    public static async Task<IReadOnlyList<FetchedModel>> FetchAsync(ProviderHttp http, Uri baseUrl, string apiKey, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        using (var doc = await http.SendJsonAsync(() => Request(new Uri(baseUrl, "models"), apiKey), SendMode.Idempotent, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in ModelJson.Items(ModelJson.Array(doc.RootElement, "data")))
            {
                if (ModelJson.String(item, "id") is { Length: > 0 } id && IsText(id))
                {
                    ids.Add(id);
                }
            }
        }

        var models = new List<FetchedModel>(ids.Count);
        foreach (var id in ids)
        {
            var url = new Uri(baseUrl, "models/" + Uri.EscapeDataString(id));
            using var doc = await http.SendJsonAsync(() => Request(url, apiKey), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
            var shutdown = ModelJson.Date(doc.RootElement, "shutdown_date");
            models.Add(new FetchedModel
            {
                Id = id,
                Provider = "openai",
                RetiresOn = shutdown,
                Lifecycle = shutdown is { } d ? (d <= today ? ModelLifecycle.Retired : ModelLifecycle.Deprecated) : null,
            });
        }

        return models;
    }

    /// <summary>Text (chat/responses) models: gpt-*, chatgpt-*, o1/o3/o4..., minus the non-text families.</summary>
    internal static bool IsText(string id)
    {
        var family = id.StartsWith("gpt-", StringComparison.Ordinal) || id.StartsWith("chatgpt-", StringComparison.Ordinal)
            || (id.Length > 1 && id[0] == 'o' && char.IsAsciiDigit(id[1]));
        return family && !NotText.Any(word => id.Contains(word, StringComparison.Ordinal));
    }

    private static HttpRequestMessage Request(Uri url, string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return request;
    }
}
