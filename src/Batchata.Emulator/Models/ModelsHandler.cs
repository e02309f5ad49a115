using Batchata.Emulator.Anthropic;
using Batchata.Emulator.Http;
using Batchata.Emulator.OpenAI;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Models;

/// <summary>
/// <c>GET /v1/models[/{id}]</c>, shared by Anthropic and OpenAI: a request with an <c>anthropic-version</c>
/// header gets Anthropic's shape and auth, any other OpenAI's.
/// </summary>
internal sealed class ModelsHandler(EmulatorState state, AnthropicHandler anthropic, OpenAIHandler openai) : IProviderHandler
{
    private const string Root = "/v1/models";

    public bool Matches(PathString path) => path.StartsWithSegments(Root, StringComparison.Ordinal);

    public Task WriteFaultAsync(HttpContext context, FaultKind fault)
        => IsAnthropic(context) ? anthropic.WriteFaultAsync(context, fault) : openai.WriteFaultAsync(context, fault);

    public async Task HandleAsync(HttpContext context)
    {
        var anthropicShape = IsAnthropic(context);
        if (anthropicShape && !anthropic.Authorized(context.Request))
        {
            await AnthropicHandler.ErrorAsync(context, 401, "authentication_error", "invalid x-api-key");
            return;
        }

        if (!anthropicShape && !await openai.AuthorizeAsync(context))
        {
            return;
        }

        var id = context.Request.Path.Value!.Length > Root.Length + 1 ? Uri.UnescapeDataString(context.Request.Path.Value[(Root.Length + 1)..]) : "";
        var provider = anthropicShape ? "anthropic" : "openai";
        var models = state.ModelsOf(provider);
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await NotFound(context, anthropicShape, "Not found.");
            return;
        }

        if (id.Length == 0)
        {
            await JsonReply.WriteAsync(context, 200, w =>
            {
                if (anthropicShape)
                {
                    ModelsWriter.AnthropicList(w, models);
                }
                else
                {
                    ModelsWriter.OpenAIList(w, models);
                }
            });
            return;
        }

        var model = models.FirstOrDefault(m => m.Id == id);
        if (model is null)
        {
            await NotFound(context, anthropicShape, $"The model '{id}' does not exist.");
            return;
        }

        await JsonReply.WriteAsync(context, 200, w =>
        {
            if (anthropicShape)
            {
                ModelsWriter.AnthropicModel(w, model);
            }
            else
            {
                ModelsWriter.OpenAIModel(w, model, detail: true);
            }
        });
    }

    private static bool IsAnthropic(HttpContext context) => context.Request.Headers.ContainsKey("anthropic-version");

    private static Task NotFound(HttpContext context, bool anthropicShape, string message) => anthropicShape
        ? AnthropicHandler.ErrorAsync(context, 404, "not_found_error", message)
        : OpenAIHandler.Error(context, 404, message, "invalid_request_error", "model", "model_not_found");
}
