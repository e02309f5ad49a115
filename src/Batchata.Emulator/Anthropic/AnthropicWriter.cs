using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.Anthropic;

/// <summary>Writes Anthropic wire objects: batches, errors and result lines.</summary>
internal static class AnthropicWriter
{
    public static void Batch(Utf8JsonWriter w, AnthropicBatch batch, DateTimeOffset now, Uri baseUrl, bool canceling = false)
    {
        var core = batch.Core;
        var phase = canceling ? BatchPhase.Running : core.Phase(now);
        w.WriteStartObject();
        w.WriteString("id", core.Id);
        w.WriteString("type", "message_batch");
        w.WriteString("processing_status", canceling ? "canceling" : batch.Status(now));
        w.WriteStartObject("request_counts");
        int succeeded = 0, errored = 0, canceled = 0, expired = 0;
        if (phase != BatchPhase.Running)
        {
            (succeeded, errored) = core.FinishedCounts(now);
            var rest = core.Count - succeeded - errored;
            canceled = phase == BatchPhase.Canceled ? rest : 0;
            expired = phase == BatchPhase.Expired ? rest : 0;
        }

        w.WriteNumber("processing", phase == BatchPhase.Running ? core.Count : 0);
        w.WriteNumber("succeeded", succeeded);
        w.WriteNumber("errored", errored);
        w.WriteNumber("canceled", canceled);
        w.WriteNumber("expired", expired);
        w.WriteEndObject();
        var ended = phase == BatchPhase.Running ? null : core.EndedAt(now);
        w.WriteNullableString("ended_at", ended is { } e ? JsonReply.Micros(e) : null);
        w.WriteString("created_at", JsonReply.Micros(core.CreatedAt));
        w.WriteString("expires_at", JsonReply.Micros(core.CreatedAt.AddHours(24)));
        w.WriteNull("archived_at");
        w.WriteNullableString("cancel_initiated_at", core.CancelAt is { } c ? JsonReply.Micros(c) : null);
        w.WriteNullableString("results_url", ended is null ? null : new Uri(baseUrl, $"v1/messages/batches/{core.Id}/results").ToString());
        w.WriteEndObject();
    }

    public static void Error(Utf8JsonWriter w, string type, string message, string requestId)
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteString("request_id", requestId);
        w.WriteEndObject();
    }

    public static void ResultLine(Utf8JsonWriter w, AnthropicBatch batch, int index, BatchPhase phase, bool finished)
    {
        var core = batch.Core;
        w.WriteStartObject();
        w.WriteString("custom_id", core.CustomIds[index]);
        w.WriteStartObject("result");
        if (!finished)
        {
            w.WriteString("type", phase == BatchPhase.Expired ? "expired" : "canceled");
        }
        else if (core.GetOutcome(index) is { IsError: true } failed)
        {
            w.WriteString("type", "errored");
            w.WritePropertyName("error");
            Error(w, failed.ErrorType!, failed.ErrorMessage!, $"req_emu{core.Ordinal:x4}{index:x8}");
        }
        else
        {
            w.WriteString("type", "succeeded");
            w.WritePropertyName("message");
            Message(w, batch, index, core.GetOutcome(index));
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter w, AnthropicBatch batch, int index, Outcome outcome)
    {
        w.WriteStartObject();
        w.WriteString("id", $"msg_emu{batch.Core.Ordinal:x4}{index:x8}");
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", batch.Model(index));
        w.WriteStartArray("content");
        if (outcome.ToolInput is { } input)
        {
            w.WriteStartObject();
            w.WriteString("type", "tool_use");
            w.WriteString("id", $"toolu_emu{batch.Core.Ordinal:x4}{index:x8}");
            w.WriteString("name", outcome.ToolName);
            w.WritePropertyName("input");
            input.WriteTo(w);
            w.WriteEndObject();
        }
        else
        {
            foreach (var block in outcome.Blocks)
            {
                TextBlock(w, block);
            }
        }

        w.WriteEndArray();
        w.WriteString("stop_reason", outcome.Stop switch
        {
            StopKind.MaxTokens => "max_tokens",
            StopKind.Refusal => "refusal",
            StopKind.ToolUse => "tool_use",
            _ => "end_turn",
        });
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", outcome.InputTokens - outcome.CacheCreationTokens - outcome.CacheReadTokens);
        w.WriteNumber("cache_creation_input_tokens", outcome.CacheCreationTokens);
        w.WriteNumber("cache_read_input_tokens", outcome.CacheReadTokens);
        w.WriteStartObject("cache_creation");
        w.WriteNumber("ephemeral_5m_input_tokens", outcome.CacheTtl1h ? 0 : outcome.CacheCreationTokens);
        w.WriteNumber("ephemeral_1h_input_tokens", outcome.CacheTtl1h ? outcome.CacheCreationTokens : 0);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", outcome.OutputTokens);
        w.WriteString("service_tier", "batch");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void TextBlock(Utf8JsonWriter w, AnswerBlock block)
    {
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", block.Text);
        if (block.Citation is { } span)
        {
            w.WriteStartArray("citations");
            w.WriteStartObject();
            w.WriteString("type", span.IsPage ? "page_location" : "char_location");
            w.WriteString("cited_text", span.CitedText);
            w.WriteNumber("document_index", span.DocumentIndex);
            w.WriteNullableString("document_title", span.DocumentTitle);
            w.WriteNull("file_id");
            w.WriteNumber(span.IsPage ? "start_page_number" : "start_char_index", span.Start);
            w.WriteNumber(span.IsPage ? "end_page_number" : "end_char_index", span.End);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
