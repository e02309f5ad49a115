using Microsoft.Extensions.Logging;

namespace Batchata;

/// <summary>
/// The HTTP layer's messages, one category per provider (<c>Batchata.Providers.Anthropic</c>,
/// <c>Batchata.Providers.OpenAI</c>, <c>Batchata.Providers.Gemini</c>), event ids 1200-1299. Never the API key.
/// </summary>
internal static partial class ProviderLog
{
    /// <summary>The category of a provider's messages.</summary>
    public static string Category(string provider)
        => "Batchata.Providers." + (ProviderDescriptors.Find(provider)?.DisplayName ?? provider);

    [LoggerMessage(EventId = 1200, EventName = "Retrying", Level = LogLevel.Debug, Message = "{Provider}: attempt {Attempt} failed ({Outcome}); retrying in {Delay}.")]
    public static partial void Retrying(ILogger logger, string provider, int attempt, string outcome, TimeSpan delay);
}
