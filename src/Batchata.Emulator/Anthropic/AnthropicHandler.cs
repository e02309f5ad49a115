using System.Globalization;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Anthropic;

/// <summary>The Anthropic Message Batches API (<c>/v1/messages/batches</c>).</summary>
internal sealed partial class AnthropicHandler(EmulatorState state) : IProviderHandler, ICancelAll
{
    private const string Root = "/v1/messages/batches";
    private const long MaxBodyBytes = 256L * 1024 * 1024;
    private const int MaxRequests = 100_000;
    private static readonly string[] RetryableTypes = ["overloaded_error", "api_error"];
    private readonly ConcurrentDictionary<string, AnthropicBatch> _batches = new(StringComparer.Ordinal);
    private readonly List<AnthropicBatch> _order = [];

    public bool Matches(PathString path) => path.StartsWithSegments(Root, StringComparison.Ordinal);

    public void CancelAll()
    {
        foreach (var batch in _batches.Values)
        {
            batch.Core.Cancel();
        }
    }

    public Task WriteFaultAsync(HttpContext context, FaultKind fault)
    {
        var (status, type, message) = fault switch
        {
            FaultKind.RateLimited => (429, "rate_limit_error", "Number of request tokens has exceeded your rate limit (emulated)."),
            FaultKind.ServerError => (500, "api_error", "Internal server error (emulated)."),
            FaultKind.Unavailable => (503, "api_error", "Service unavailable (emulated)."),
            _ => (529, "overloaded_error", "Overloaded (emulated)."),
        };
        return ErrorAsync(context, status, type, message);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = state.Ids.Next("req_emu");
        context.Response.Headers["request-id"] = requestId;
        context.Items["request-id"] = requestId;
        if (!Authorized(context.Request))
        {
            await ErrorAsync(context, 401, "authentication_error", "invalid x-api-key");
            return;
        }

        var version = context.Request.Headers["anthropic-version"].ToString();
        if (version.Length == 0)
        {
            await ErrorAsync(context, 400, "invalid_request_error", "anthropic-version: header is required");
            return;
        }

        var rest = context.Request.Path.Value!.Length > Root.Length ? context.Request.Path.Value[(Root.Length + 1)..] : "";
        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        switch (parts.Length)
        {
            case 0 when HttpMethods.IsPost(method):
                await CreateAsync(context, version);
                return;
            case 0 when HttpMethods.IsGet(method):
                await ListAsync(context);
                return;
        }

        if (parts.Length is < 1 or > 2 || !_batches.TryGetValue(parts[0], out var batch) || batch.Deleted)
        {
            await ErrorAsync(context, 404, "not_found_error", parts.Length == 0 ? "Not found." : $"No batch with id '{parts[0]}' was found.");
            return;
        }

        var now = state.Clock.GetUtcNow();
        var action = parts.Length == 2 ? parts[1] : "";
        switch (action)
        {
            case "" when HttpMethods.IsGet(method):
                await JsonReply.WriteAsync(context, 200, w => AnthropicWriter.Batch(w, batch, now, state.BaseUrl));
                return;
            case "" when HttpMethods.IsDelete(method):
                if (batch.Core.Phase(now) == BatchPhase.Running)
                {
                    await ErrorAsync(context, 400, "invalid_request_error", "Batch cannot be deleted while it is still processing; cancel it first.");
                    return;
                }

                batch.Deleted = true;
                await JsonReply.WriteAsync(context, 200, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", batch.Core.Id);
                    w.WriteString("type", "message_batch_deleted");
                    w.WriteEndObject();
                });
                return;
            case "cancel" when HttpMethods.IsPost(method):
                var canceling = batch.Core.Cancel();
                await JsonReply.WriteAsync(context, 200, w => AnthropicWriter.Batch(w, batch, now, state.BaseUrl, canceling));
                return;
            case "results" when HttpMethods.IsGet(method):
                await ResultsAsync(context, batch, now);
                return;
            default:
                await ErrorAsync(context, 404, "not_found_error", "Not found.");
                return;
        }
    }

    /// <summary>True when the request carries the emulator key as <c>x-api-key</c> or <c>Authorization: Bearer</c>.</summary>
    internal bool Authorized(HttpRequest request)
    {
        var key = request.Headers["x-api-key"].ToString();
        if (key.Length == 0)
        {
            var auth = request.Headers.Authorization.ToString();
            key = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : "";
        }

        return key.Length > 0 && key == state.Options.ApiKey;
    }

    private async Task CreateAsync(HttpContext context, string version)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await ErrorAsync(context, 413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
            return;
        }

        // The body is read as it arrives and each request is answered at once (an emulated provider computes its
        // answers up front): what a batch keeps is its compact outcomes, never its request bodies, so a 100,000-request
        // create costs a buffer, not its 20 MB body parsed and cloned. The ordinal (the seed of the batch's faults,
        // result order and message ids) is taken first, so a refused create uses one up.
        var ordinal = state.NextOrdinal();
        var answers = state.NewAnswerContext(ordinal, RetryableTypes);
        var ids = new List<string>();
        var models = new List<string>();
        var modelNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var outcomes = new OutcomeStore.Builder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? problem = null;
        var count = 0;
        var shape = await JsonArrayReader.ReadAsync(context.Request.Body, "requests", request =>
        {
            var i = count++;
            if (problem is not null || i >= MaxRequests)
            {
                return; // only counted: the first problem, or the count, is the answer
            }

            var id = request.GetStringOrNull("custom_id");
            problem = id is null ? $"requests.{i}.custom_id: Field required"
                : id.Length > 64 ? $"requests.{i}.custom_id: String should have at most 64 characters"
                : !CustomIdRegex().IsMatch(id) ? $"requests.{i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{{1,64}}$'"
                : !seen.Add(id) ? $"requests.{i}.custom_id: Duplicate custom_id '{id}'; custom_id values must be unique within a batch."
                : !request.TryGetProperty("params", out var p) || p.ValueKind != JsonValueKind.Object ? $"requests.{i}.params: Field required"
                : null;
            if (problem is not null)
            {
                return;
            }

            var body = request.GetProperty("params");
            var model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "unknown";
            ids.Add(id!);
            models.Add(modelNames.TryAdd(model, model) ? model : modelNames[model]);
            outcomes.Add(AnswerEngine.Answer(AnthropicPromptParser.Parse(body, version), answers, i));
        }, context.RequestAborted);

        if (shape != JsonArrayReader.Shape.Array)
        {
            await ErrorAsync(context, 400, "invalid_request_error", "requests: Field required");
            return;
        }

        problem = count == 0 ? "requests: List should have at least 1 item after validation, not 0"
            : count > MaxRequests ? $"requests: List should have at most {MaxRequests} items after validation, not {count}"
            : problem;
        seen = null;
        if (problem is not null)
        {
            await ErrorAsync(context, 400, "invalid_request_error", problem);
            return;
        }

        AnthropicBatch batch;
        BatchCore core;
        lock (_order)
        {
            // The organisation's batch queue: requests of batches that have not ended. A create over it is a 429
            // rate_limit_error that creates nothing (reference/protocols.md "Queue limits"; the wording is the emulator's).
            var now0 = state.Clock.GetUtcNow();
            if (state.Options.QueueLimit is { } limit && _order.Where(b => b.Core.InQueue(now0)).Sum(b => b.Core.Count) + count > limit)
            {
                batch = null!;
                core = null!;
            }
            else
            {
                core = new BatchCore("anthropic", state.Ids.Next("msgbatch_emu"), ordinal, now0, ids, state.Options, outcomes.Build(state.Spill));
                batch = new AnthropicBatch(core, [.. models]);
                _batches[core.Id] = batch;
                _order.Add(batch);
            }
        }

        if (batch is null)
        {
            state.CountQueueRefusal();
            context.Response.Headers["retry-after"] = "1";
            await ErrorAsync(context, 429, "rate_limit_error", string.Create(CultureInfo.InvariantCulture, $"Number of requests in your organization's batch processing queue would exceed the limit of {state.Options.QueueLimit:N0}. Please try again once some batches have ended."));
            return;
        }

        state.Record(core, batch, static (b, now) => b.Status(now));
        var now = state.Clock.GetUtcNow();
        await JsonReply.WriteAsync(context, 200, w => AnthropicWriter.Batch(w, batch, now, state.BaseUrl));
    }

    private async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], out var l) ? Math.Clamp(l, 1, 1000) : 20;
        List<AnthropicBatch> all;
        lock (_order)
        {
            all = _order.Where(b => !b.Deleted).Reverse().ToList();
        }

        var start = 0;
        var end = all.Count;
        if (query["after_id"].ToString() is { Length: > 0 } after)
        {
            start = all.FindIndex(b => b.Core.Id == after) + 1;
        }

        if (query["before_id"].ToString() is { Length: > 0 } before)
        {
            end = Math.Max(0, all.FindIndex(b => b.Core.Id == before));
            start = Math.Max(start, end - limit);
        }

        var page = all.Skip(start).Take(Math.Min(limit, Math.Max(0, end - start))).ToList();
        var hasMore = query["before_id"].ToString().Length > 0 ? start > 0 : start + page.Count < end;
        var now = state.Clock.GetUtcNow();
        await JsonReply.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var b in page)
            {
                AnthropicWriter.Batch(w, b, now, state.BaseUrl);
            }

            w.WriteEndArray();
            w.WriteBoolean("has_more", hasMore);
            w.WriteNullableString("first_id", page.Count > 0 ? page[0].Core.Id : null);
            w.WriteNullableString("last_id", page.Count > 0 ? page[^1].Core.Id : null);
            w.WriteEndObject();
        });
    }

    private async Task ResultsAsync(HttpContext context, AnthropicBatch batch, DateTimeOffset now)
    {
        var phase = batch.Core.Phase(now);
        if (phase == BatchPhase.Running)
        {
            await ErrorAsync(context, 400, "invalid_request_error", $"Batch '{batch.Core.Id}' is still processing; results are available once processing has ended.");
            return;
        }

        var order = state.ShuffledOrder(batch.Core);
        using var stream = new JsonlStream(context, "application/x-jsonl", order.Length, state.ShouldTruncate("anthropic:" + batch.Core.Id));
        foreach (var index in order)
        {
            var finished = batch.Core.IsFinished(index, now);
            await stream.WriteLineAsync(w => AnthropicWriter.ResultLine(w, batch, index, phase, finished));
            if (stream.Cut)
            {
                return;
            }
        }

        await stream.CompleteAsync();
    }

    /// <summary>Writes an Anthropic error envelope.</summary>
    internal static Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        var requestId = context.Items["request-id"] as string ?? "req_emu";
        context.Response.Headers["request-id"] = requestId;
        return JsonReply.WriteAsync(context, status, w => AnthropicWriter.Error(w, type, EchoedKey.Apply(context, message), requestId));
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CustomIdRegex();
}
