using System.Globalization;
using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.OpenAI;

/// <summary><c>/v1/batches</c>: create, retrieve, list, cancel.</summary>
internal sealed class OpenAIBatchEndpoints(EmulatorState state, OpenAIStore store)
{
    private static readonly string[] Endpoints = ["/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions", "/v1/moderations", "/v1/images/generations", "/v1/images/edits", "/v1/videos"];
    private static readonly string[] RetryableTypes = ["server_error"];
    private readonly Lock _admission = new();

    public async Task HandleAsync(HttpContext context, string[] parts)
    {
        var method = context.Request.Method;
        var now = state.Clock.GetUtcNow();
        if (parts.Length == 2)
        {
            await (HttpMethods.IsPost(method) ? CreateAsync(context) : ListAsync(context, now));
            return;
        }

        var batch = store.Batch(parts[2]);
        if (batch is null)
        {
            await OpenAIHandler.Error(context, 404, $"No batch found with id '{parts[2]}'.", "invalid_request_error", null, null);
            return;
        }

        if (parts.Length == 4 && parts[3] == "cancel" && HttpMethods.IsPost(method))
        {
            var cancelling = !batch.Failed && batch.Core.Cancel();
            store.EnsureFiles(batch, now);
            await JsonReply.WriteAsync(context, 200, w => OpenAIWriter.Batch(w, batch, now, cancelling));
            return;
        }

        if (parts.Length == 3 && HttpMethods.IsGet(method))
        {
            store.EnsureFiles(batch, now);
            await JsonReply.WriteAsync(context, 200, w => OpenAIWriter.Batch(w, batch, now));
            return;
        }

        await OpenAIHandler.Error(context, 404, "Not found.", "invalid_request_error", null, null);
    }

    private async Task CreateAsync(HttpContext context)
    {
        using var document = await JsonReply.TryReadJsonAsync(context);
        var root = document?.RootElement ?? default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            await OpenAIHandler.Error(context, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null, null);
            return;
        }

        var fileId = root.GetStringOrNull("input_file_id");
        var endpoint = root.GetStringOrNull("endpoint");
        var window = root.GetStringOrNull("completion_window");
        var file = fileId is null ? null : store.File(fileId);
        var metadata = ReadMetadata(root, out var metadataProblem);
        var problem = fileId is null ? ("Missing required parameter: 'input_file_id'.", "input_file_id")
            : file?.Content is null ? ($"Invalid 'input_file_id': '{fileId}'. File not found or not a batch input file.", "input_file_id")
            : endpoint is null || !Endpoints.Contains(endpoint) ? ($"Invalid value for 'endpoint': '{endpoint}'.", "endpoint")
            : window != "24h" ? ($"Invalid value for 'completion_window': '{window}'. Supported values are: '24h'.", "completion_window")
            : metadataProblem is not null ? (metadataProblem, "metadata")
            : ((string, string)?)null;
        if (problem is { } p)
        {
            await OpenAIHandler.Error(context, 400, p.Item1, "invalid_request_error", p.Item2, null);
            return;
        }

        var content = file!.Content!.Unpack();
        var input = OpenAIInputValidator.Validate(content, endpoint!);
        var ordinal = state.NextOrdinal();
        var answers = state.NewAnswerContext(ordinal, RetryableTypes);
        var ids = input.Errors.Count > 0 ? [] : input.CustomIds.ToArray();
        var core = new BatchCore("openai", state.Ids.Next("batch_emu"), ordinal, state.Clock.GetUtcNow(), ids, state.Options, Compute(content, input.Lines, answers, endpoint == "/v1/responses"), state.Spill)
        { Metadata = metadata };
        OpenAIBatch New(BatchCore c, List<(string Code, string Message, int? Line)> errors, long enqueued) => new()
        {
            Core = c,
            Endpoint = endpoint!,
            EmptyFileIds = state.Options.Faults.EmptyFileIds,
            InputFileId = fileId!,
            CompletionWindow = window!,
            Model = input.Model,
            Errors = errors,
            EnqueuedTokens = enqueued,
        };

        OpenAIBatch batch;
        if (state.Options.EnqueuedTokenLimit is { } limit && input.Errors.Count == 0)
        {
            // The model's enqueued-token limit: the prompt tokens of its batches that have not ended, this one included.
            // Over it, the batch fails at validation with token_limit_exceeded and bills nothing (openai/openai-python#2084;
            // the same shape on Azure: learn.microsoft.com/en-us/answers/questions/2285577).
            var tokens = core.PromptTokens();
            lock (_admission)
            {
                var now0 = state.Clock.GetUtcNow();
                var queued = store.Batches().Where(b => b.Model == input.Model && !b.Failed && b.Core.InQueue(now0)).Sum(b => b.EnqueuedTokens);
                if (queued + tokens > limit)
                {
                    var message = string.Create(CultureInfo.InvariantCulture, $"Enqueued token limit reached for {input.Model} in organization org-emulator. Limit: {limit:N0} enqueued tokens. Please try again once some in_progress batches have been completed.");
                    var empty = new BatchCore("openai", core.Id, ordinal, core.CreatedAt, [], state.Options, _ => throw new InvalidOperationException("A failed batch has no requests.")) { Metadata = metadata };
                    batch = New(empty, [("token_limit_exceeded", message, null)], 0);
                    state.CountQueueRefusal();
                }
                else
                {
                    batch = New(core, input.Errors, tokens);
                }

                store.Add(batch);
            }
        }
        else
        {
            batch = New(core, input.Errors, 0);
            store.Add(batch);
        }

        core = batch.Core;
        state.Record(core, batch, static (b, now) => b.Status(now));
        var now = state.Clock.GetUtcNow();
        store.EnsureFiles(batch, now);
        await JsonReply.WriteAsync(context, 200, w => OpenAIWriter.Batch(w, batch, now));
    }

    /// <summary>
    /// The compute function of a batch: the only holder of its input besides the file (the content and where each
    /// valid line lies), parsing one line at a time; the core drops it once the outcomes are computed (made here, not
    /// in <see cref="CreateAsync"/>, so that no other lambda shares its captured variables).
    /// </summary>
    private static Func<int, Outcome> Compute(byte[] content, (int Start, int Length)[] lines, AnswerContext answers, bool responses) =>
        index =>
        {
            var (document, body) = OpenAIInputValidator.ParseBody(content, lines[index]);
            using (document)
            {
                var prompt = responses ? OpenAIResponsesParser.Parse(body) : OpenAIPromptParser.Parse(body);
                return AnswerEngine.Answer(prompt, answers, index);
            }
        };

    private static Dictionary<string, string>? ReadMetadata(JsonElement root, out string? problem)
    {
        problem = null;
        if (!root.TryGetProperty("metadata", out var m) || m.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (m.ValueKind != JsonValueKind.Object)
        {
            problem = "Invalid type for 'metadata': expected an object.";
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in m.EnumerateObject())
        {
            if (pair.Value.ValueKind != JsonValueKind.String || pair.Name.Length > 64 || pair.Value.GetString()!.Length > 512)
            {
                problem = "Invalid 'metadata': keys must be at most 64 characters and values strings of at most 512 characters.";
                return null;
            }

            result[pair.Name] = pair.Value.GetString()!;
        }

        if (result.Count > 16)
        {
            problem = "Invalid 'metadata': at most 16 key-value pairs are allowed.";
            return null;
        }

        return result;
    }

    private async Task ListAsync(HttpContext context, DateTimeOffset now)
    {
        var query = context.Request.Query;
        var all = store.Batches();
        if (query["after"].ToString() is { Length: > 0 } after)
        {
            all = all.SkipWhile(b => b.Core.Id != after).Skip(1).ToList();
        }

        var limit = int.TryParse(query["limit"], out var l) ? Math.Clamp(l, 1, 100) : 20;
        var page = all.Take(limit).ToList();
        page.ForEach(b => store.EnsureFiles(b, now));
        await JsonReply.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            page.ForEach(b => OpenAIWriter.Batch(w, b, now));
            w.WriteEndArray();
            w.WriteNullableString("first_id", page.FirstOrDefault()?.Core.Id);
            w.WriteNullableString("last_id", page.LastOrDefault()?.Core.Id);
            w.WriteBoolean("has_more", all.Count > page.Count);
            w.WriteEndObject();
        });
    }
}
