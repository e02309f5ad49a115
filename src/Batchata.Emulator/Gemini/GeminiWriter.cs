using System.Globalization;
using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.Gemini;

/// <summary>Writes Gemini wire objects: the batch Operation, responses and files.</summary>
internal static class GeminiWriter
{
    private const string BatchType = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch";
    private const string OutputType = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput";

    public static void Operation(Utf8JsonWriter w, GeminiBatch batch, DateTimeOffset now, bool includeResults = true)
    {
        var core = batch.Core;
        var phase = core.Phase(now);
        var ended = core.EndedAt(now);
        var withResponse = phase is BatchPhase.Completed or BatchPhase.Canceled;
        w.WriteStartObject();
        w.WriteString("name", batch.Name);
        w.WriteStartObject("metadata");
        w.WriteString("@type", BatchType);
        w.WriteString("name", batch.Name);
        w.WriteString("model", batch.Model);
        w.WriteString("displayName", batch.DisplayName ?? core.Id);
        if (batch.InputFile is not null)
        {
            w.WriteStartObject("inputConfig");
            w.WriteString("fileName", batch.InputFile);
            w.WriteEndObject();
        }

        w.WriteString("createTime", JsonReply.Nanos(core.CreatedAt));
        w.WriteString("updateTime", JsonReply.Nanos(ended ?? (now > core.CreatedAt ? now : core.CreatedAt)));
        if (ended is { } e)
        {
            w.WriteString("endTime", JsonReply.Nanos(e));
        }

        var (succeeded, failed) = core.FinishedCounts(now);
        w.WriteStartObject("batchStats");
        w.WriteString("requestCount", Str(core.Count));
        w.WriteString("pendingRequestCount", Str(phase == BatchPhase.Running ? core.Count - succeeded - failed : 0));
        w.WriteString("successfulRequestCount", Str(succeeded));
        w.WriteString("failedRequestCount", Str(failed));
        w.WriteEndObject();
        w.WriteString("state", batch.State(now));
        if (withResponse && includeResults)
        {
            w.WritePropertyName("output");
            Output(w, batch, now, false);
        }

        w.WriteEndObject();
        if (phase != BatchPhase.Running)
        {
            w.WriteBoolean("done", true);
        }

        if (withResponse && includeResults)
        {
            w.WritePropertyName("response");
            Output(w, batch, now, true);
        }

        w.WriteEndObject();
    }

    private static void Output(Utf8JsonWriter w, GeminiBatch batch, DateTimeOffset now, bool typed)
    {
        w.WriteStartObject();
        if (typed)
        {
            w.WriteString("@type", OutputType);
        }

        if (batch.ResponsesFile is { } file)
        {
            w.WriteString("responsesFile", file);
        }
        else
        {
            w.WriteStartObject("inlinedResponses");
            w.WriteStartArray("inlinedResponses");
            for (var i = 0; i < batch.Core.Count; i++)
            {
                w.WriteStartObject();
                Result(w, batch, i, now);
                w.WriteStartObject("metadata");
                w.WriteString("key", batch.Core.CustomIds[i]);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>Writes the <c>response</c> or <c>error</c> property of request <paramref name="index"/>.</summary>
    public static void Result(Utf8JsonWriter w, GeminiBatch batch, int index, DateTimeOffset now)
    {
        if (!batch.Core.IsFinished(index, now))
        {
            w.WritePropertyName("error");
            GeminiErrors.Status(w, 499, "CANCELLED", "The request was not executed because the batch was cancelled.");
            return;
        }

        var outcome = batch.Core.GetOutcome(index);
        if (outcome.IsError)
        {
            var (code, status) = GeminiErrors.Map(outcome.ErrorType!);
            w.WritePropertyName("error");
            GeminiErrors.Status(w, code, status, outcome.ErrorMessage!);
            return;
        }

        w.WriteStartObject("response");
        w.WriteStartArray("candidates");
        w.WriteStartObject();
        w.WriteStartObject("content");
        w.WriteString("role", "model");
        w.WriteStartArray("parts");
        if (outcome.Stop != StopKind.Refusal)
        {
            w.WriteStartObject();
            w.WriteString("text", outcome.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("finishReason", outcome.Stop switch { StopKind.MaxTokens => "MAX_TOKENS", StopKind.Refusal => "SAFETY", _ => "STOP" });
        w.WriteNumber("index", 0);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("usageMetadata");
        w.WriteNumber("promptTokenCount", outcome.InputTokens);
        w.WriteNumber("candidatesTokenCount", outcome.OutputTokens);
        w.WriteNumber("totalTokenCount", outcome.InputTokens + outcome.OutputTokens);
        w.WriteStartArray("promptTokensDetails");
        w.WriteStartObject();
        w.WriteString("modality", "TEXT");
        w.WriteNumber("tokenCount", outcome.InputTokens);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("modelVersion", batch.Model.StartsWith("models/", StringComparison.Ordinal) ? batch.Model[7..] : batch.Model);
        w.WriteString("responseId", $"emu{batch.Core.Ordinal:x4}{index:x8}");
        w.WriteEndObject();
    }

    public static void File(Utf8JsonWriter w, GeminiFile file, Uri baseUrl)
    {
        w.WriteStartObject();
        w.WriteString("name", file.Name);
        w.WriteString("displayName", file.DisplayName ?? file.Id);
        w.WriteString("mimeType", file.MimeType);
        w.WriteString("sizeBytes", Str(file.SizeBytes));
        w.WriteString("createTime", JsonReply.Nanos(file.CreatedAt));
        w.WriteString("updateTime", JsonReply.Nanos(file.CreatedAt));
        w.WriteString("expirationTime", JsonReply.Nanos(file.CreatedAt.AddHours(48)));
        w.WriteString("sha256Hash", file.Sha256);
        w.WriteString("uri", new Uri(baseUrl, "v1beta/" + file.Name).ToString());
        if (file.Source is not null)
        {
            w.WriteString("downloadUri", new Uri(baseUrl, $"download/v1beta/{file.Name}:download?alt=media").ToString());
        }

        w.WriteString("state", "ACTIVE");
        w.WriteString("source", file.Source is null ? "UPLOADED" : "GENERATED");
        w.WriteEndObject();
    }

    public static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
