using Batchata.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.OpenAI;

/// <summary>The OpenAI Files and Batch APIs under <c>/v1</c>.</summary>
internal sealed class OpenAIHandler : IProviderHandler, ICancelAll
{
    private readonly EmulatorState _state;
    private readonly OpenAIStore _store;
    private readonly OpenAIFileEndpoints _files;
    private readonly OpenAIBatchEndpoints _batches;

    public OpenAIHandler(EmulatorState state)
    {
        _state = state;
        _store = new OpenAIStore(state);
        _files = new OpenAIFileEndpoints(state, _store);
        _batches = new OpenAIBatchEndpoints(state, _store);
    }

    public bool Matches(PathString path) =>
        path.StartsWithSegments("/v1/files", StringComparison.Ordinal) || path.StartsWithSegments("/v1/batches", StringComparison.Ordinal);

    public void CancelAll()
    {
        foreach (var batch in _store.Batches())
        {
            batch.Core.Cancel();
        }
    }

    public Task WriteFaultAsync(HttpContext context, FaultKind fault)
    {
        var (status, type, code, message) = fault switch
        {
            FaultKind.RateLimited => (429, "requests", "rate_limit_exceeded", "Rate limit reached for requests (emulated)."),
            FaultKind.ServerError => (500, "server_error", (string?)null, "The server had an error while processing your request (emulated)."),
            _ => (503, "server_error", null, "The engine is currently overloaded, please try again later (emulated)."),
        };
        return Error(context, status, message, type, null, code);
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        if (_state.Options.Faults.QuotaExhausted && HttpMethods.IsPost(context.Request.Method))
        {
            _state.CountQuotaRejection();
            await Error(context, 429, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", null, "insufficient_quota");
            return;
        }

        var path = context.Request.Path.Value!;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts[1] == "files")
        {
            await _files.HandleAsync(context, parts);
        }
        else
        {
            await _batches.HandleAsync(context, parts);
        }
    }

    /// <summary>Sets the request id and checks the Bearer key; writes the 401 answer and returns false when it is wrong.</summary>
    internal async Task<bool> AuthorizeAsync(HttpContext context)
    {
        context.Response.Headers["x-request-id"] = _state.Ids.Next("req_emu");
        var auth = context.Request.Headers.Authorization.ToString();
        var key = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : "";
        if (key == _state.Options.ApiKey)
        {
            return true;
        }

        await Error(context, 401, key.Length == 0
            ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            : "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
        return false;
    }

    public static Task Error(HttpContext context, int status, string message, string type, string? param, string? code) =>
        JsonReply.WriteAsync(context, status, w => OpenAIWriter.Error(w, EchoedKey.Apply(context, message), type, param, code));
}
