using System.Globalization;
using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Gemini;

/// <summary>Batch create (inline or file), get, list, cancel and delete.</summary>
internal sealed class GeminiBatchEndpoints(EmulatorState state, GeminiStore store)
{
    private const long MaxInlineBytes = 20L * 1024 * 1024;
    private static readonly string[] RetryableTypes = ["UNAVAILABLE"];
    private readonly Lock _admission = new();

    public async Task HandleAsync(HttpContext context, string path)
    {
        var method = context.Request.Method;
        if (path.StartsWith("/v1beta/models/", StringComparison.Ordinal) && path.EndsWith(":batchGenerateContent", StringComparison.Ordinal) && HttpMethods.IsPost(method))
        {
            await CreateAsync(context, path["/v1beta/models/".Length..^":batchGenerateContent".Length]);
            return;
        }

        if (path == "/v1beta/batches" && HttpMethods.IsGet(method))
        {
            await ListAsync(context);
            return;
        }

        if (!path.StartsWith("/v1beta/batches/", StringComparison.Ordinal))
        {
            await GeminiHandler.Error(context, 404, "NOT_FOUND", $"Method not found: {method} {path}.");
            return;
        }

        var rest = path["/v1beta/batches/".Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var id = colon < 0 ? rest : rest[..colon];
        var action = colon < 0 ? "" : rest[(colon + 1)..];
        if (!store.Batches.TryGetValue(id, out var batch) || batch.Deleted)
        {
            await GeminiHandler.Error(context, 404, "NOT_FOUND", $"Batch batches/{id} not found.");
            return;
        }

        var now = state.Clock.GetUtcNow();
        switch (action)
        {
            case "cancel" when HttpMethods.IsPost(method):
                batch.Core.Cancel();
                await Empty(context);
                return;
            case "delete" when HttpMethods.IsPost(method):
            case "" when HttpMethods.IsDelete(method):
                batch.Deleted = true;
                await Empty(context);
                return;
            case "" when HttpMethods.IsGet(method):
                EnsureResponsesFile(batch, now);
                await JsonReply.WriteAsync(context, 200, w => GeminiWriter.Operation(w, batch, now));
                return;
            default:
                await GeminiHandler.Error(context, 404, "NOT_FOUND", $"Method not found: {method} {path}.");
                return;
        }
    }

    private async Task CreateAsync(HttpContext context, string model)
    {
        if (context.Request.ContentLength >= MaxInlineBytes)
        {
            await GeminiHandler.Error(context, 400, "INVALID_ARGUMENT", $"Request payload size exceeds the limit: {MaxInlineBytes} bytes.");
            return;
        }

        var document = await JsonReply.TryReadJsonAsync(context);
        var root = document?.RootElement ?? default;
        if (!root.TryGetProperty("batch", out var batchSpec) || !batchSpec.TryGet("input_config", "inputConfig", out var input))
        {
            document?.Dispose();
            await GeminiHandler.Error(context, 400, "INVALID_ARGUMENT", "* BatchGenerateContentRequest.batch.input_config: input_config is required");
            return;
        }

        var keys = new List<string>();
        var requests = new List<JsonElement>();
        var documents = new List<JsonDocument> { document! };
        string? inputFile = null;
        if (input.TryGetProperty("requests", out var wrapper))
        {
            var list = wrapper.ValueKind == JsonValueKind.Object && wrapper.TryGetProperty("requests", out var inner) ? inner : wrapper;
            if (list.ValueKind != JsonValueKind.Array)
            {
                await GeminiHandler.Error(context, 400, "INVALID_ARGUMENT", "* BatchGenerateContentRequest.batch.input_config.requests.requests: must be a list");
                return;
            }

            foreach (var item in list.EnumerateArray())
            {
                var key = item.TryGetProperty("metadata", out var meta) ? meta.GetStringOrNull("key") : null;
                keys.Add(key ?? keys.Count.ToString(CultureInfo.InvariantCulture));
                requests.Add(item.TryGetProperty("request", out var r) ? r.Clone() : default);
            }
        }
        else if (input.TryGet("file_name", "fileName", out var fileName) && fileName.GetString() is { } name)
        {
            var fileId = name.StartsWith("files/", StringComparison.Ordinal) ? name[6..] : name;
            if (!store.Files.TryGetValue(fileId, out var file) || file.Content is null)
            {
                await GeminiHandler.Error(context, 400, "INVALID_ARGUMENT", $"File {name} not found or not an uploaded file.");
                return;
            }

            foreach (var line in System.Text.Encoding.UTF8.GetString(file.Content.Unpack()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    using var lineDoc = JsonDocument.Parse(line);
                    keys.Add(lineDoc.RootElement.GetStringOrNull("key") ?? keys.Count.ToString(CultureInfo.InvariantCulture));
                    requests.Add(lineDoc.RootElement.TryGetProperty("request", out var r) ? r.Clone() : default);
                }
                catch (JsonException)
                {
                    await GeminiHandler.Error(context, 400, "INVALID_ARGUMENT", $"Line {keys.Count + 1} of {name} is not valid JSON.");
                    return;
                }
            }

            inputFile = name;
        }

        if (requests.Count == 0)
        {
            await GeminiHandler.Error(context, 400, "INVALID_ARGUMENT", "* BatchGenerateContentRequest.batch.input_config: no requests");
            return;
        }

        var displayName = batchSpec.GetStringOrNull("display_name") ?? batchSpec.GetStringOrNull("displayName");

        // The requests were cloned into right-sized arrays: give the pooled parse buffers back now, so a batch
        // holds about its own size rather than a rented buffer of up to twice the body for its whole life.
        foreach (var parsed in documents)
        {
            parsed.Dispose();
        }

        GeminiBatch? batch = null;
        lock (_admission)
        {
            // The project's batch queue: requests of batches that have not ended. A create over it is answered 429
            // RESOURCE_EXHAUSTED with the generic quota message and no details, as users report it
            // (discuss.ai.google.dev/t/hitting-rate-limit-on-gemini-batch-api-for-gemini-embedding-001/107091).
            var now0 = state.Clock.GetUtcNow();
            if (state.Options.QueueLimit is not { } limit || store.Batches.Values.Where(b => b.Core.InQueue(now0)).Sum(b => b.Core.Count) + requests.Count <= limit)
            {
                var ordinal = state.NextOrdinal();
                var answers = state.NewAnswerContext(ordinal, RetryableTypes);
                var core = new BatchCore("gemini", state.Ids.Next("emu", 16, lowerOnly: true), ordinal, now0, [.. keys], state.Options, Compute([.. requests], answers), state.Spill);
                batch = new GeminiBatch
                {
                    Core = core,
                    Model = model.StartsWith("models/", StringComparison.Ordinal) ? model : "models/" + model,
                    DisplayName = displayName,
                    InputFile = inputFile,
                };
                store.Add(batch);
            }
        }

        if (batch is null)
        {
            state.CountQueueRefusal();
            await GeminiHandler.Error(context, 429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.");
            return;
        }

        state.Record(batch.Core, batch, static (b, now) => b.State(now));
        var now = state.Clock.GetUtcNow();
        EnsureResponsesFile(batch, now);
        await JsonReply.WriteAsync(context, 200, w => GeminiWriter.Operation(w, batch, now));
    }

    /// <summary>
    /// The compute function of a batch: the only holder of its requests, which the core drops once the outcomes are
    /// computed (made here, not in <see cref="CreateAsync"/>, so that no other lambda shares its captured variables).
    /// </summary>
    private static Func<int, Outcome> Compute(JsonElement[] requests, AnswerContext answers) =>
        index => AnswerEngine.Answer(GeminiPromptParser.Parse(requests[index]), answers, index);

    private void EnsureResponsesFile(GeminiBatch batch, DateTimeOffset now)
    {
        if (batch.InputFile is null || batch.ResponsesFile is not null || batch.Core.Phase(now) is BatchPhase.Running or BatchPhase.Expired)
        {
            return;
        }

        lock (batch)
        {
            if (batch.ResponsesFile is null)
            {
                var file = new GeminiFile { Id = "batch-" + batch.Core.Id, MimeType = "application/jsonl", CreatedAt = batch.Core.EndedAt(now) ?? now, Source = batch };
                store.Files[file.Id] = file;
                batch.ResponsesFile = file.Name;
            }
        }
    }

    private async Task ListAsync(HttpContext context)
    {
        var now = state.Clock.GetUtcNow();
        var all = store.Newest();
        var size = int.TryParse(context.Request.Query["pageSize"], out var s) ? Math.Clamp(s, 1, 1000) : 50;
        var start = int.TryParse(context.Request.Query["pageToken"], out var t) ? t : 0;
        var page = all.Skip(start).Take(size).ToList();
        page.ForEach(b => EnsureResponsesFile(b, now));
        await JsonReply.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("operations");
            page.ForEach(b => GeminiWriter.Operation(w, b, now, includeResults: false));
            w.WriteEndArray();
            if (start + page.Count < all.Count)
            {
                w.WriteString("nextPageToken", GeminiWriter.Str(start + page.Count));
            }

            w.WriteEndObject();
        });
    }

    private static Task Empty(HttpContext context) => JsonReply.WriteAsync(context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteEndObject();
    });
}
