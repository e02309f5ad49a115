using System.Text.Json;

namespace Batchata.Emulator.Gemini;

/// <summary>google.rpc status mapping and the Gemini error envelope.</summary>
internal static class GeminiErrors
{
    public static (int Code, string Status) Map(string type) => type switch
    {
        "INVALID_ARGUMENT" or "invalid_request_error" => (400, "INVALID_ARGUMENT"),
        "FAILED_PRECONDITION" => (400, "FAILED_PRECONDITION"),
        "PERMISSION_DENIED" or "permission_error" => (403, "PERMISSION_DENIED"),
        "NOT_FOUND" or "not_found_error" => (404, "NOT_FOUND"),
        "RESOURCE_EXHAUSTED" or "rate_limit_error" => (429, "RESOURCE_EXHAUSTED"),
        "INTERNAL" or "api_error" or "server_error" => (500, "INTERNAL"),
        "UNAVAILABLE" or "overloaded_error" => (503, "UNAVAILABLE"),
        "DEADLINE_EXCEEDED" or "timeout_error" => (504, "DEADLINE_EXCEEDED"),
        "CANCELLED" => (499, "CANCELLED"),
        _ => (400, "INVALID_ARGUMENT"),
    };

    /// <summary>Writes <c>{code,message,status}</c> (the status object, without the <c>error</c> wrapper).</summary>
    public static void Status(Utf8JsonWriter w, int code, string status, string message, Action<Utf8JsonWriter>? details = null)
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteString("status", status);
        if (details is not null)
        {
            w.WriteStartArray("details");
            details(w);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    public static void Envelope(Utf8JsonWriter w, int code, string status, string message, Action<Utf8JsonWriter>? details = null)
    {
        w.WriteStartObject();
        w.WritePropertyName("error");
        Status(w, code, status, message, details);
        w.WriteEndObject();
    }
}
