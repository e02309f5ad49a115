using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Batchata;

/// <summary>
/// The Anthropic Message Batches API (<c>/v1/messages/batches</c>, protocols A and B) as an
/// <see cref="IBatchProvider"/>. Every call goes through <see cref="ProviderHttp"/>.
/// </summary>
internal sealed partial class AnthropicBatchProvider : IBatchProvider
{
    /// <summary>How long after a create a 404 on the batch is taken for the API's replication lag (protocols A.2).</summary>
    internal static readonly TimeSpan TransientNotFoundWindow = TimeSpan.FromSeconds(60);

    private readonly AnthropicOptions _options;
    private readonly string _apiKey;
    private readonly Uri _batchesUrl;
    private readonly ProviderHttp _http;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Task> _createsInFlight = new();
    private long _createCounter;

    /// <summary>Initializes a new instance of the <see cref="AnthropicBatchProvider"/> class.</summary>
    /// <param name="options">The provider settings (API version, auth style, poll interval).</param>
    /// <param name="apiKey">The resolved API key.</param>
    /// <param name="baseUrl">The resolved API root (e.g. <c>https://api.anthropic.com</c>).</param>
    /// <param name="httpClient">The HTTP client (infinite timeout).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="retry">The retry bounds, or null for the defaults.</param>
    /// <param name="logger">The provider's logger, or null.</param>
    public AnthropicBatchProvider(AnthropicOptions options, string apiKey, Uri baseUrl, HttpClient httpClient, TimeProvider timeProvider, RetrySettings? retry = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _apiKey = apiKey;
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _batchesUrl = new Uri(root, Descriptor.BatchesPath);
        _timeProvider = timeProvider;
        _http = new ProviderHttp(Name, httpClient, timeProvider, retry, logger) { Secrets = new SecretRedactor(apiKey) };
    }

    /// <summary>Gets the provider's facts.</summary>
    public static ProviderDescriptor Descriptor => ProviderDescriptors.Anthropic;

    /// <inheritdoc/>
    public string Name => Descriptor.Name;

    /// <inheritdoc/>
    public ProviderLimits Limits => Descriptor.Limits;

    /// <inheritdoc/>
    public bool OneModelPerBatch => Descriptor.OneModelPerBatch;

    /// <inheritdoc/>
    public TimeSpan? PollInterval => _options.PollInterval;

    /// <inheritdoc/>
    public void Validate(JobRequest job, ModelInfo model) => AnthropicValidator.Validate(job, model, _options.ApiVersion);

    /// <inheritdoc/>
    public byte[] EncodeRequest(JobRequest job, ModelInfo model) => AnthropicRequestEncoder.Encode(job, model);

    /// <inheritdoc/>
    public Task<string> CreateBatchAsync(BatchSubmission submission, CancellationToken cancellationToken)
        => CreateReconciler.CreateOnceAsync(this, submission, token => CreateOnceAsync(submission, token), _timeProvider, cancellationToken);

    /// <inheritdoc/>
    public async Task<ProviderBatchState> GetBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await _http.SendJsonAsync(() => Request(HttpMethod.Get, BatchUrl(batchId)), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
            return ToState(document.RootElement);
        }
        catch (ProviderException ex) when (ex.StatusCode == 404 && _known.TryGetValue(batchId, out var created)
                                           && _timeProvider.GetUtcNow() - created < TransientNotFoundWindow)
        {
            // Just created: the API may not see it yet (protocols A.2). Report it as still running.
            return new ProviderBatchState(batchId, "in_progress", BatchPhase.InFlight, ResultsAvailable: false);
        }
    }

    /// <inheritdoc/>
    public async Task CancelBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await _http.SendJsonAsync(() => Request(HttpMethod.Post, BatchUrl(batchId, "/cancel")), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.StatusCode is 400 or 409)
        {
            // Fine when the batch already ended; anything else is a real error.
            var state = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
            if (!state.IsTerminal)
            {
                throw;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Anthropic batches carry no metadata, so the submission's tag cannot be matched: this lists the newest
    /// batches (pages of 100, while they are not older than <paramref name="notBefore"/>) and returns the newest
    /// one created at or after <paramref name="notBefore"/> whose request count equals the submission's and that
    /// this provider does not already know (the match is claimed atomically, and creates of this instance still
    /// awaiting their answer are let land first). Limitation: a batch of the same size created in that window by
    /// another client of the same workspace (or another process) could be taken for ours.
    /// </remarks>
    public async Task<string?> FindBatchAsync(BatchSubmission submission, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        // Creates of this instance still waiting for their answer would otherwise look like "ours": let them land first.
        try
        {
            await Task.WhenAll(_createsInFlight.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Their failures are theirs to handle.
        }

        string? afterId = null;
        for (var page = 0; page < 50; page++)
        {
            var url = new Uri(_batchesUrl + "?limit=100" + (afterId is null ? "" : "&after_id=" + Uri.EscapeDataString(afterId)));
            using var document = await _http.SendJsonAsync(() => Request(HttpMethod.Get, url), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var olderSeen = false;
            foreach (var batch in data.EnumerateArray())
            {
                var created = CreatedAt(batch);
                if (created is null || created < notBefore)
                {
                    olderSeen = true;
                    continue;
                }

                var id = batch.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;
                if (id is not null && !submission.KnownBatchIds.Contains(id) && Total(batch) == submission.Requests.Count && _known.TryAdd(id, created.Value))
                {
                    return id; // claimed atomically: two reconciliations never take the same batch
                }
            }

            if (olderSeen || !root.TryGetProperty("has_more", out var more) || more.ValueKind != JsonValueKind.True
                || !root.TryGetProperty("last_id", out var lastId) || lastId.GetString() is not { } last)
            {
                return null;
            }

            afterId = last;
        }

        return null;
    }

    private async Task<string> CreateOnceAsync(BatchSubmission submission, CancellationToken cancellationToken)
    {
        var key = Interlocked.Increment(ref _createCounter);
        var task = SendCreateAsync(submission, cancellationToken);
        _createsInFlight[key] = task;
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            _createsInFlight.TryRemove(key, out _);
        }
    }

    private async Task<string> SendCreateAsync(BatchSubmission submission, CancellationToken cancellationToken)
    {
        using var document = await _http.SendJsonAsync(
            () =>
            {
                var request = Request(HttpMethod.Post, _batchesUrl);
                request.Content = new AnthropicBatchContent(submission.Requests);
                return request;
            },
            // Anthropic answers a create over the organisation's batch queue with 429 rate_limit_error
            // (https://docs.anthropic.com/en/api/errors: 429 rate_limit_error; protocols.md "Queue limits").
            submission.CreateMode,
            cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var id = root.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;
        if (string.IsNullOrEmpty(id))
        {
            throw new ProviderException(Name, 200, "invalid_response", "the create answer has no batch id", isTransient: false);
        }

        _known[id] = CreatedAt(root) ?? _timeProvider.GetUtcNow();
        return id;
    }

    private HttpRequestMessage Request(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        Descriptor.Authorize(request, _apiKey, _options.UseBearerAuth ? ProviderAuth.Bearer : null, _options.ApiVersion);
        return request;
    }

    private Uri BatchUrl(string batchId, string suffix = "") => new(_batchesUrl + "/" + Uri.EscapeDataString(batchId) + suffix);

    private static ProviderBatchState ToState(JsonElement batch)
    {
        var id = batch.GetProperty("id").GetString()!;
        var status = batch.TryGetProperty("processing_status", out var s) ? s.GetString() ?? "unknown" : "unknown";
        var ended = status == "ended";
        int succeeded = 0, errored = 0, canceled = 0, expired = 0, processing = 0;
        if (batch.TryGetProperty("request_counts", out var counts) && counts.ValueKind == JsonValueKind.Object)
        {
            succeeded = Count(counts, "succeeded");
            errored = Count(counts, "errored");
            canceled = Count(counts, "canceled");
            expired = Count(counts, "expired");
            processing = Count(counts, "processing");
        }

        return new ProviderBatchState(
            id,
            status,
            status switch
            {
                "ended" => BatchPhase.Ended,
                "canceling" => BatchPhase.Cancelling,
                _ => BatchPhase.InFlight, // in_progress
            },
            ResultsAvailable: ended,
            Total: succeeded + errored + canceled + expired + processing,
            Done: succeeded + errored + canceled + expired,
            Failed: errored + expired);
    }

    private static int Total(JsonElement batch)
    {
        if (!batch.TryGetProperty("request_counts", out var counts) || counts.ValueKind != JsonValueKind.Object)
        {
            return -1;
        }

        var total = 0;
        foreach (var property in counts.EnumerateObject())
        {
            total += property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetInt32() : 0;
        }

        return total;
    }

    private static int Count(JsonElement counts, string name)
        => counts.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static DateTimeOffset? CreatedAt(JsonElement batch)
        => batch.TryGetProperty("created_at", out var value) && value.ValueKind == JsonValueKind.String
           && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? created
            : null;
}
