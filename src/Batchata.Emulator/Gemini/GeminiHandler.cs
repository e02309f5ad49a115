using Batchata.Emulator.Http;
using Batchata.Emulator.Models;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Gemini;

/// <summary>The Gemini batch mode and Files API (<c>/v1beta</c>, <c>/upload/v1beta</c>, <c>/download/v1beta</c>).</summary>
internal sealed class GeminiHandler : IProviderHandler, ICancelAll
{
    private readonly EmulatorState _state;
    private readonly GeminiStore _store = new();
    private readonly GeminiBatchEndpoints _batches;
    private readonly GeminiFileEndpoints _files;

    public GeminiHandler(EmulatorState state)
    {
        _state = state;
        _batches = new GeminiBatchEndpoints(state, _store);
        _files = new GeminiFileEndpoints(state, _store);
    }

    public bool Matches(PathString path) =>
        path.StartsWithSegments("/v1beta", StringComparison.Ordinal) || path.StartsWithSegments("/upload/v1beta", StringComparison.Ordinal)
        || path.StartsWithSegments("/download/v1beta", StringComparison.Ordinal);

    public void CancelAll()
    {
        foreach (var batch in _store.Batches.Values)
        {
            batch.Core.Cancel();
        }
    }

    public Task WriteFaultAsync(HttpContext context, FaultKind fault) => fault switch
    {
        FaultKind.RateLimited => Error(context, 429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota) (emulated).", w =>
        {
            w.WriteStartObject();
            w.WriteString("@type", "type.googleapis.com/google.rpc.RetryInfo");
            w.WriteString("retryDelay", "0s");
            w.WriteEndObject();
        }),
        FaultKind.ServerError => Error(context, 500, "INTERNAL", "An internal error has occurred (emulated)."),
        _ => Error(context, 503, "UNAVAILABLE", "The model is overloaded. Please try again later (emulated)."),
    };

    public async Task HandleAsync(HttpContext context)
    {
        var key = context.Request.Headers["x-goog-api-key"].ToString();
        if (key.Length == 0)
        {
            key = context.Request.Query["key"].ToString();
        }

        if (key != _state.Options.ApiKey)
        {
            await Error(context, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", w =>
            {
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                w.WriteString("reason", "API_KEY_INVALID");
                w.WriteString("domain", "googleapis.com");
                w.WriteStartObject("metadata");
                w.WriteString("service", "generativelanguage.googleapis.com");
                w.WriteEndObject();
                w.WriteEndObject();
            });
            return;
        }

        var path = context.Request.Path.Value!;
        if (path.StartsWith("/upload/", StringComparison.Ordinal))
        {
            await _files.UploadAsync(context);
        }
        else if (path.StartsWith("/download/", StringComparison.Ordinal) || path.StartsWith("/v1beta/files", StringComparison.Ordinal))
        {
            await _files.HandleAsync(context, path.StartsWith("/download/", StringComparison.Ordinal) ? path[9..] : path);
        }
        else if (IsModelsRead(context, path))
        {
            await ModelsAsync(context, path);
        }
        else
        {
            await _batches.HandleAsync(context, path);
        }
    }

    private static bool IsModelsRead(HttpContext context, string path) =>
        HttpMethods.IsGet(context.Request.Method) && (path == "/v1beta/models" || (path.StartsWith("/v1beta/models/", StringComparison.Ordinal) && !path.Contains(':', StringComparison.Ordinal)));

    private Task ModelsAsync(HttpContext context, string path)
    {
        var models = _state.ModelsOf("gemini");
        if (path == "/v1beta/models")
        {
            return JsonReply.WriteAsync(context, 200, w => ModelsWriter.GeminiList(w, models));
        }

        var id = path["/v1beta/models/".Length..];
        var model = models.FirstOrDefault(m => m.Id == id);
        return model is null
            ? Error(context, 404, "NOT_FOUND", $"models/{id} is not found for API version v1beta, or is not supported for generateContent.")
            : JsonReply.WriteAsync(context, 200, w => ModelsWriter.GeminiModel(w, model));
    }

    public static Task Error(HttpContext context, int code, string status, string message, Action<System.Text.Json.Utf8JsonWriter>? details = null) =>
        JsonReply.WriteAsync(context, code, w => GeminiErrors.Envelope(w, code, status, EchoedKey.Apply(context, message), details));
}
