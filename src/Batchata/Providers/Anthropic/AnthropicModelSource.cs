using System.Text.Json;

namespace Batchata;

/// <summary>Reads Anthropic's <c>GET /v1/models</c> (paged with <c>after_id</c>): lifecycle, dates, limits, capabilities.</summary>
internal static class AnthropicModelSource
{
    /// <summary>Reads every page of models.</summary>
    /// <param name="http">The HTTP layer (retries).</param>
    /// <param name="baseUrl">The API root.</param>
    /// <param name="request">Builds an authorized GET (key and the configured <c>anthropic-version</c>).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<IReadOnlyList<FetchedModel>> FetchAsync(ProviderHttp http, Uri baseUrl, Func<Uri, HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var models = new List<FetchedModel>();
        string? after = null;
        for (var page = 0; page < 100; page++)
        {
            var url = new Uri(baseUrl, ProviderDescriptors.Anthropic.ModelsPath + "?limit=1000" + (after is null ? "" : "&after_id=" + Uri.EscapeDataString(after)));
            using var doc = await http.SendJsonAsync(() => request(url), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
            var root = doc.RootElement;
            foreach (var item in ModelJson.Items(ModelJson.Array(root, "data")))
            {
                if (ModelJson.String(item, "id") is { Length: > 0 } id)
                {
                    models.Add(Parse(id, item));
                }
            }

            after = ModelJson.String(root, "last_id");
            if (ModelJson.Bool(root, "has_more") != true || after is null)
            {
                break;
            }
        }

        return models;
    }

    private static FetchedModel Parse(string id, JsonElement item)
    {
        var caps = item.TryGetProperty("capabilities", out var c) ? c : default;
        return new FetchedModel
        {
            Id = id,
            Provider = ProviderDescriptors.Anthropic.Name,
            Lifecycle = ModelJson.String(item, "lifecycle") switch
            {
                "active" => ModelLifecycle.Active,
                "deprecated" => ModelLifecycle.Deprecated,
                "retired" => ModelLifecycle.Retired,
                _ => null,
            },
            DeprecatedOn = ModelJson.Date(item, "deprecated_at"),
            RetiresOn = ModelJson.Date(item, "retires_at"),
            ContextWindow = ModelJson.Long(item, "max_input_tokens"),
            MaxOutputTokens = ModelJson.Long(item, "max_tokens") is { } max ? (int)Math.Min(max, int.MaxValue) : null,
            Vision = ModelJson.Capability(caps, "image_input"),
            Pdf = ModelJson.Capability(caps, "pdf_input"),
            Citations = ModelJson.Capability(caps, "citations"),
            StructuredOutput = ModelJson.Capability(caps, "structured_outputs"),
            NoBatch = ModelJson.Capability(caps, "batch") == false,
        };
    }
}
