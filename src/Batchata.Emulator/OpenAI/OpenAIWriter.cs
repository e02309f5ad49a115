using System.Text.Json;
using Batchata.Emulator.Core;

namespace Batchata.Emulator.OpenAI;

/// <summary>Writes OpenAI wire objects: batches, files and errors.</summary>
internal static class OpenAIWriter
{
    public static void Error(Utf8JsonWriter w, string message, string type, string? param, string? code)
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        WriteNullable(w, "param", param);
        WriteNullable(w, "code", code);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void File(Utf8JsonWriter w, OpenAIFile file)
    {
        w.WriteStartObject();
        w.WriteString("id", file.Id);
        w.WriteString("object", "file");
        w.WriteNumber("bytes", file.Bytes);
        w.WriteNumber("created_at", file.CreatedAt.ToUnixTimeSeconds());
        w.WriteNumber("expires_at", file.CreatedAt.AddDays(30).ToUnixTimeSeconds());
        w.WriteString("filename", file.FileName);
        w.WriteString("purpose", file.Purpose);
        w.WriteString("status", "processed");
        w.WriteNull("status_details");
        w.WriteEndObject();
    }

    public static void Batch(Utf8JsonWriter w, OpenAIBatch batch, DateTimeOffset now, bool cancelling = false)
    {
        var core = batch.Core;
        var status = batch.Status(now, cancelling);
        var phase = cancelling || batch.Failed ? BatchPhase.Running : core.Phase(now);
        w.WriteStartObject();
        w.WriteString("id", core.Id);
        w.WriteString("object", "batch");
        w.WriteString("endpoint", batch.Endpoint);
        WriteNullable(w, "model", batch.Model);
        if (batch.Failed && status == "failed")
        {
            w.WriteStartObject("errors");
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var (code, message, line) in batch.Errors)
            {
                w.WriteStartObject();
                w.WriteString("code", code);
                w.WriteString("message", message);
                w.WriteNull("param");
                if (line is { } l)
                {
                    w.WriteNumber("line", l);
                }
                else
                {
                    w.WriteNull("line");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("errors");
        }

        w.WriteString("input_file_id", batch.InputFileId);
        w.WriteString("completion_window", batch.CompletionWindow);
        w.WriteString("status", status);
        var terminal = phase != BatchPhase.Running;
        var absent = batch.EmptyFileIds ? "" : null;
        WriteNullable(w, "output_file_id", terminal ? batch.OutputFileId ?? absent : absent);
        WriteNullable(w, "error_file_id", terminal ? batch.ErrorFileId ?? absent : absent);
        w.WriteNumber("created_at", core.CreatedAt.ToUnixTimeSeconds());
        var validated = !batch.Failed && now >= batch.ValidatedAt && (core.CancelAt is null || core.CancelAt >= batch.ValidatedAt);
        Time(w, "in_progress_at", validated ? batch.ValidatedAt : null);
        Time(w, "expires_at", core.CreatedAt.AddHours(24));
        Time(w, "finalizing_at", phase == BatchPhase.Completed || (phase == BatchPhase.Running && !batch.Failed && status == "finalizing") ? batch.FinalizingAt : null);
        var ended = core.EndedAt(now);
        Time(w, "completed_at", phase == BatchPhase.Completed ? ended : null);
        Time(w, "failed_at", batch.Failed && status == "failed" ? batch.ValidatedAt : null);
        Time(w, "expired_at", phase == BatchPhase.Expired ? ended : null);
        Time(w, "cancelling_at", core.CancelAt);
        Time(w, "cancelled_at", phase == BatchPhase.Canceled ? ended : null);
        var (completed, failed) = batch.Failed ? (0, 0) : core.FinishedCounts(now);
        if (phase == BatchPhase.Expired)
        {
            failed = core.Count - completed;
        }

        w.WriteStartObject("request_counts");
        w.WriteNumber("total", batch.Failed || status == "validating" ? 0 : core.Count);
        w.WriteNumber("completed", completed);
        w.WriteNumber("failed", failed);
        w.WriteEndObject();
        Usage(w, batch, now);
        if (core.Metadata is null)
        {
            w.WriteNull("metadata");
        }
        else
        {
            w.WriteStartObject("metadata");
            foreach (var (k, v) in core.Metadata)
            {
                w.WriteString(k, v);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Usage(Utf8JsonWriter w, OpenAIBatch batch, DateTimeOffset now)
    {
        var (input, cached, output) = batch.Failed ? (0L, 0L, 0L) : batch.Core.BilledUsage(now);
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", input);
        w.WriteStartObject("input_tokens_details");
        w.WriteNumber("cached_tokens", cached);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", output);
        w.WriteStartObject("output_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteEndObject();
        w.WriteNumber("total_tokens", input + output);
        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v.ToUnixTimeSeconds());
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
