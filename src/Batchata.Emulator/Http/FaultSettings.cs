using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Http;

/// <summary><c>GET|POST /_emulator/faults</c>: reads or changes the fault knobs at run time (new batches only for expiry).</summary>
internal static class FaultSettings
{
    public static async Task HandleAsync(HttpContext context, FaultOptions faults)
    {
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var body = await JsonReply.TryReadJsonAsync(context);
            if (body is null || body.RootElement.ValueKind != JsonValueKind.Object)
            {
                await JsonReply.WriteAsync(context, 400, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("error", "expected a JSON object");
                    w.WriteEndObject();
                });
                return;
            }

            var root = body.RootElement;
            if (root.TryGetProperty("transient_failure_rate", out var t) && t.TryGetDouble(out var transient))
            {
                faults.TransientFailureRate = transient;
            }

            if (root.TryGetProperty("retryable_request_error_rate", out var r) && r.TryGetDouble(out var retryable))
            {
                faults.RetryableRequestErrorRate = retryable;
            }

            if (root.TryGetProperty("truncate_result_streams", out var tr) && tr.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                faults.TruncateResultStreams = tr.GetBoolean();
            }

            if (root.TryGetProperty("partial_completion", out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                faults.PartialCompletion = p.GetBoolean();
            }

            if (root.TryGetProperty("expire_after_seconds", out var e))
            {
                faults.ExpireAfter = e.TryGetDouble(out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
            }
        }

        await JsonReply.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("transient_failure_rate", faults.TransientFailureRate);
            w.WriteNumber("retryable_request_error_rate", faults.RetryableRequestErrorRate);
            w.WriteBoolean("truncate_result_streams", faults.TruncateResultStreams);
            w.WriteBoolean("partial_completion", faults.PartialCompletion);
            if (faults.ExpireAfter is { } expire)
            {
                w.WriteNumber("expire_after_seconds", expire.TotalSeconds);
            }
            else
            {
                w.WriteNull("expire_after_seconds");
            }

            w.WriteEndObject();
        });
    }
}
