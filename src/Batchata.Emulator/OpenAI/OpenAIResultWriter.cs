using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.OpenAI;

/// <summary>Writes output-file and error-file lines.</summary>
internal static class OpenAIResultWriter
{
    /// <summary>The directive error type that makes a request's result line an unrecognised shape.</summary>
    public const string UnrecognisedShape = "emulator_unrecognised_shape";

    /// <summary>Whether request <paramref name="index"/> belongs in the error file (true) or the output file (false).</summary>
    public static bool InErrorFile(OpenAIBatch batch, int index, DateTimeOffset now) =>
        !batch.Core.IsFinished(index, now) || batch.Core.IsError(index);

    public static void Line(Utf8JsonWriter w, OpenAIBatch batch, int index, DateTimeOffset now)
    {
        var core = batch.Core;
        var suffix = $"{core.Ordinal:x4}{index:x8}";
        w.WriteStartObject();
        w.WriteString("id", "batch_req_emu" + suffix);
        w.WriteString("custom_id", core.CustomIds[index]);
        if (!core.IsFinished(index, now))
        {
            var expired = core.Phase(now) == BatchPhase.Expired;
            w.WriteNull("response");
            w.WriteStartObject("error");
            w.WriteString("code", expired ? "batch_expired" : "batch_cancelled");
            w.WriteString("message", expired
                ? "This request could not be executed before the completion window expired."
                : "This request was not executed because the batch was cancelled.");
            w.WriteEndObject();
            w.WriteEndObject();
            return;
        }

        var outcome = core.GetOutcome(index);
        if (outcome.ErrorType == UnrecognisedShape)
        {
            // Fault directive [[emulator:error=emulator_unrecognised_shape]]: a line in a shape no client knows (neither
            // response nor error), as a future API revision might write; a client must fail only this request.
            w.WriteStartObject("outcome");
            w.WriteString("kind", "emulated-unknown");
            w.WriteEndObject();
            w.WriteEndObject();
            return;
        }

        w.WriteStartObject("response");
        w.WriteNumber("status_code", outcome.IsError ? outcome.ErrorStatus ?? OpenAIPromptParser.StatusOf(outcome.ErrorType!) : 200);
        w.WriteString("request_id", "req_emu" + suffix);
        w.WritePropertyName("body");
        if (outcome.IsError)
        {
            OpenAIWriter.Error(w, outcome.ErrorMessage!, outcome.ErrorType!, outcome.ErrorParam, outcome.ErrorCode);
        }
        else if (batch.Endpoint == "/v1/responses")
        {
            OpenAIResponseWriter.Response(w, batch, index, outcome, suffix);
        }
        else
        {
            Completion(w, batch, index, outcome, suffix);
        }

        w.WriteEndObject();
        w.WriteNull("error");
        w.WriteEndObject();
    }

    private static void Completion(Utf8JsonWriter w, OpenAIBatch batch, int index, Outcome outcome, string suffix)
    {
        var refusal = outcome.Stop == StopKind.Refusal;
        w.WriteStartObject();
        w.WriteString("id", "chatcmpl-emu" + suffix);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", batch.Core.FinishTime(index).ToUnixTimeSeconds());
        w.WriteString("model", batch.Model ?? "unknown"); // every line of a valid input file names this one model
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (refusal)
        {
            w.WriteNull("content");
            w.WriteString("refusal", outcome.Text);
        }
        else
        {
            w.WriteString("content", outcome.Text);
            w.WriteNull("refusal");
        }

        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", outcome.Stop == StopKind.MaxTokens ? "length" : "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", outcome.InputTokens);
        w.WriteNumber("completion_tokens", outcome.OutputTokens);
        w.WriteNumber("total_tokens", outcome.InputTokens + outcome.OutputTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", outcome.CacheReadTokens);
        w.WriteNumber("audio_tokens", 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteNumber("audio_tokens", 0);
        w.WriteNumber("accepted_prediction_tokens", 0);
        w.WriteNumber("rejected_prediction_tokens", 0);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", "fp_emulator");
        w.WriteEndObject();
    }
}
