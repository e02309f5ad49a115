namespace Batchata;

/// <summary>
/// The names of the <see cref="System.Net.Http.IHttpClientFactory"/> clients that <c>AddBatchata</c> registers, one per
/// provider, so that an application can add its own handlers:
/// <c>services.AddHttpClient(BatchataHttpClients.Anthropic).AddHttpMessageHandler&lt;MyHandler&gt;()</c>.
/// </summary>
public static class BatchataHttpClients
{
    /// <summary>The Anthropic client's name.</summary>
    public const string Anthropic = "Batchata.Anthropic";

    /// <summary>The OpenAI client's name.</summary>
    public const string OpenAI = "Batchata.OpenAI";

    /// <summary>The Gemini client's name.</summary>
    public const string Gemini = "Batchata.Gemini";
}
