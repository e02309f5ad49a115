using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Http;

/// <summary>The echo-the-key fault (<see cref="FaultOptions.EchoKeyInErrors"/>): error messages quote the key the request presented.</summary>
internal static class EchoedKey
{
    public const string ItemKey = "emulator-echo-key";

    /// <summary>The key the request presented, in any of the three providers' ways.</summary>
    public static string Presented(HttpContext context)
    {
        var headers = context.Request.Headers;
        var authorization = headers.Authorization.ToString();
        return headers["x-api-key"].ToString() is { Length: > 0 } anthropic ? anthropic
            : authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim()
            : headers["x-goog-api-key"].ToString() is { Length: > 0 } gemini ? gemini
            : context.Request.Query["key"].ToString();
    }

    /// <summary>The message, quoting the presented key when the fault is on.</summary>
    public static string Apply(HttpContext context, string message)
        => context.Items.TryGetValue(ItemKey, out var key) && key is string { Length: > 0 } text
            ? $"{message} (request made with API key '{text}')"
            : message;
}
