using System.Text.Json;
using Batchata.Emulator.Core;

namespace Batchata.Emulator.OpenAI;

/// <summary>Writes the body of a <c>/v1/responses</c> result line: a Response object ("Response" in the OpenAI spec).</summary>
internal static class OpenAIResponseWriter
{
    public static void Response(Utf8JsonWriter w, OpenAIBatch batch, int index, Outcome outcome, string suffix)
    {
        var refusal = outcome.Stop == StopKind.Refusal;
        var truncated = outcome.Stop == StopKind.MaxTokens;
        w.WriteStartObject();
        w.WriteString("id", "resp_emu" + suffix);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", batch.Core.FinishTime(index).ToUnixTimeSeconds());
        w.WriteString("status", truncated ? "incomplete" : "completed");
        w.WriteNull("error");
        if (truncated)
        {
            w.WriteStartObject("incomplete_details");
            w.WriteString("reason", "max_output_tokens");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("incomplete_details");
        }

        w.WriteNull("instructions");
        w.WriteString("model", batch.Model ?? "unknown");
        w.WriteStartArray("output");
        if (OpenAIPromptParser.IsReasoningModel(batch.Model ?? ""))
        {
            w.WriteStartObject();
            w.WriteString("id", "rs_emu" + suffix);
            w.WriteString("type", "reasoning");
            w.WriteStartArray("summary");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteStartObject();
        w.WriteString("id", "msg_emu" + suffix);
        w.WriteString("type", "message");
        w.WriteString("status", truncated ? "incomplete" : "completed");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        w.WriteStartObject();
        if (refusal)
        {
            w.WriteString("type", "refusal");
            w.WriteString("refusal", outcome.Text);
        }
        else
        {
            w.WriteString("type", "output_text");
            w.WriteString("text", outcome.Text);
            w.WriteStartArray("annotations");
            w.WriteEndArray();
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteBoolean("parallel_tool_calls", true);
        w.WriteNumber("temperature", 1.0);
        w.WriteString("tool_choice", "auto");
        w.WriteStartArray("tools");
        w.WriteEndArray();
        w.WriteNumber("top_p", 1.0);
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", outcome.InputTokens);
        w.WriteStartObject("input_tokens_details");
        w.WriteNumber("cached_tokens", outcome.CacheReadTokens);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", outcome.OutputTokens);
        w.WriteStartObject("output_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteEndObject();
        w.WriteNumber("total_tokens", outcome.InputTokens + outcome.OutputTokens);
        w.WriteEndObject();
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
