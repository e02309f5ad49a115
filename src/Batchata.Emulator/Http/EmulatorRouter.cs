using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Batchata.Emulator.Http;

/// <summary>Dispatches every request: control endpoints, then fault injection, then the provider handlers.</summary>
internal sealed class EmulatorRouter(EmulatorState state, IReadOnlyList<IProviderHandler> handlers)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path;
        state.Logger.LogDebug("{Method} {Path}", context.Request.Method, path);
        if (path.StartsWithSegments("/_emulator", StringComparison.Ordinal))
        {
            await ControlEndpoints.HandleAsync(context, state);
            return;
        }

        if (state.Options.Faults.EchoKeyInErrors)
        {
            context.Items[EchoedKey.ItemKey] = EchoedKey.Presented(context);
        }

        var handler = handlers.FirstOrDefault(h => h.Matches(path));
        if (handler is null)
        {
            await JsonReply.WriteAsync(context, 404, w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteString("message", $"No route for {context.Request.Method} {path}.");
                w.WriteEndObject();
                w.WriteEndObject();
            });
            return;
        }

        if (state.Faults.Stalls(context.Request.Method, path.Value ?? ""))
        {
            // A stalled server: the connection stays open and nothing is ever answered.
            state.Logger.LogDebug("Injected fault: stall");
            state.CountFault("stall");
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        var fault = state.Faults.Next($"{context.Request.Method} {path}");
        if (fault == FaultKind.Abort)
        {
            state.Logger.LogDebug("Injected fault: connection abort");
            state.CountFault("abort");
            context.Abort();
            return;
        }

        if (fault != FaultKind.None)
        {
            state.Logger.LogDebug("Injected fault: {Fault}", fault);
            state.CountFault(fault.ToString());
            if (fault == FaultKind.RateLimited)
            {
                if (state.Options.Faults.RateLimitRetryAfter is { } after)
                {
                    context.Response.Headers["retry-after"] = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    context.Response.Headers["retry-after"] = "0";
                    context.Response.Headers["retry-after-ms"] = "10";
                }
            }

            await handler.WriteFaultAsync(context, fault);
            return;
        }

        if (IsCreate(context.Request.Method, path) && state.Faults.LoseCreateAnswer())
        {
            // The worst case for a client: the batch IS created, but the answer never arrives (connection dropped).
            context.Items[JsonReply.DiscardKey] = true;
            var body = context.Response.Body;
            context.Response.Body = Stream.Null;
            await handler.HandleAsync(context);
            context.Response.Body = body;
            state.Logger.LogDebug("Injected fault: create answer lost after creating");
            state.CountFault("lost_create_answer");
            context.Abort();
            return;
        }

        await handler.HandleAsync(context);
    }

    /// <summary>Batch-creating calls of the three providers.</summary>
    private static bool IsCreate(string method, PathString path)
    {
        if (!HttpMethods.IsPost(method) || path.Value is not { } value)
        {
            return false;
        }

        return value.Equals("/v1/messages/batches", StringComparison.Ordinal)
            || value.Equals("/v1/batches", StringComparison.Ordinal)
            || value.EndsWith(":batchGenerateContent", StringComparison.Ordinal);
    }
}
