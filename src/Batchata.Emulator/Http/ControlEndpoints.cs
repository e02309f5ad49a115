using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Http;

/// <summary>The <c>/_emulator/*</c> endpoints (no auth, never faulted).</summary>
internal static class ControlEndpoints
{
    public static Task HandleAsync(HttpContext context, EmulatorState state)
    {
        if (context.Request.Path.Equals("/_emulator/faults", StringComparison.Ordinal))
        {
            return FaultSettings.HandleAsync(context, state.Options.Faults);
        }

        if (context.Request.Path.Equals("/_emulator/batches", StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method))
        {
            var batches = state.Batches();
            return JsonReply.WriteAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("data");
                foreach (var b in batches)
                {
                    w.WriteStartObject();
                    w.WriteString("provider", b.Provider);
                    w.WriteString("id", b.Id);
                    w.WriteString("created_at", JsonReply.Micros(b.CreatedAt));
                    w.WriteNumber("request_count", b.RequestCount);
                    w.WriteString("status", b.Status);
                    w.WriteStartArray("custom_ids");
                    foreach (var id in b.CustomIds)
                    {
                        w.WriteStringValue(id);
                    }

                    w.WriteEndArray();
                    w.WriteBoolean("cancel_requested", b.CancelRequested);
                    if (b.Metadata is null)
                    {
                        w.WriteNull("metadata");
                    }
                    else
                    {
                        w.WriteStartObject("metadata");
                        foreach (var (k, v) in b.Metadata)
                        {
                            w.WriteString(k, v);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteNumber("input_tokens", b.InputTokens);
                    w.WriteNumber("output_tokens", b.OutputTokens);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        return JsonReply.WriteAsync(context, 404, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", "not found");
            w.WriteEndObject();
        });
    }
}
