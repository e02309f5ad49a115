namespace Batchata;

/// <summary>
/// Reads OpenAI's <c>GET /v1/models</c> (ids only), then <c>GET /v1/models/{id}</c> of each text model for its
/// <c>shutdown_date</c>. Embedding, audio, image and moderation models are left out.
/// </summary>
internal static class OpenAIModelSource
{
    private static readonly string[] NotText = ["embedding", "tts", "whisper", "dall-e", "image", "audio", "realtime", "transcribe", "moderation", "search", "babbage", "davinci", "sora"];

    /// <summary>Reads the text models and their shutdown dates.</summary>
    /// <param name="http">The HTTP layer (retries).</param>
    /// <param name="baseUrl">The API root (with <c>/v1</c>).</param>
    /// <param name="request">Builds an authorized GET.</param>
    /// <param name="today">Today, to tell deprecated from retired.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<IReadOnlyList<FetchedModel>> FetchAsync(ProviderHttp http, Uri baseUrl, Func<Uri, HttpRequestMessage> request, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        using (var doc = await http.SendJsonAsync(() => request(new Uri(baseUrl, ProviderDescriptors.OpenAI.ModelsPath)), SendMode.Idempotent, cancellationToken).ConfigureAwait(false))
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
            var url = new Uri(baseUrl, ProviderDescriptors.OpenAI.ModelsPath + "/" + Uri.EscapeDataString(id));
            using var doc = await http.SendJsonAsync(() => request(url), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
            var shutdown = ModelJson.Date(doc.RootElement, "shutdown_date");
            models.Add(new FetchedModel
            {
                Id = id,
                Provider = ProviderDescriptors.OpenAI.Name,
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
}
