using System.Buffers;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Batchata;

/// <summary>The OpenAI Batch API over the Files API with <c>/v1/chat/completions</c> or <c>/v1/responses</c> request lines (protocols C).</summary>
internal sealed class OpenAIBatchProvider : IBatchProvider
{
    private readonly OpenAIOptions _options;
    private readonly string _apiKey;
    private readonly string _base;
    private readonly ProviderHttp _http;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="OpenAIBatchProvider"/> class.</summary>
    /// <param name="options">The OpenAI options (organization, project, poll interval).</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="baseUrl">The API base including <c>/v1</c>.</param>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="retry">The retry bounds, or null for the defaults.</param>
    /// <param name="logger">The provider's logger, or null.</param>
    public OpenAIBatchProvider(OpenAIOptions options, string apiKey, Uri baseUrl, HttpClient httpClient, TimeProvider timeProvider, RetrySettings? retry = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        _options = options;
        _apiKey = apiKey;
        _base = baseUrl.ToString().TrimEnd('/');
        _timeProvider = timeProvider;
        _http = new ProviderHttp(Descriptor.Name, httpClient, timeProvider, retry, logger) { Secrets = new SecretRedactor(apiKey) };
    }

    /// <summary>Gets the provider's facts.</summary>
    public static ProviderDescriptor Descriptor => ProviderDescriptors.OpenAI;

    /// <inheritdoc />
    public string Name => Descriptor.Name;

    /// <inheritdoc />
    public ProviderLimits Limits => Descriptor.Limits;

    /// <inheritdoc />
    public bool OneModelPerBatch => Descriptor.OneModelPerBatch;

    /// <inheritdoc />
    public TimeSpan? PollInterval => _options.PollInterval;

    /// <inheritdoc />
    public void Validate(JobRequest job, ModelInfo model) => OpenAIRequestValidator.Validate(job, model);

    /// <inheritdoc />
    public byte[] EncodeRequest(JobRequest job, ModelInfo model) => OpenAIRequestEncoder.Encode(job, model);

    /// <inheritdoc />
    public Task<string> CreateBatchAsync(BatchSubmission submission, CancellationToken cancellationToken)
    {
        string? fileId = null;
        return CreateReconciler.CreateOnceAsync(
            this,
            submission,
            async token =>
            {
                // An upload whose batch create failed is reused on the next attempt.
                fileId ??= await UploadAsync(submission, token).ConfigureAwait(false);
                return await CreateAsync(fileId, submission, token).ConfigureAwait(false);
            },
            _timeProvider,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ProviderBatchState> GetBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        using var doc = await GetBatchDocumentAsync(batchId, cancellationToken).ConfigureAwait(false);
        return OpenAIBatchState.Parse(doc.RootElement, batchId);
    }

    /// <inheritdoc />
    public async Task CancelBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(
            () => Request(HttpMethod.Post, $"/batches/{Uri.EscapeDataString(batchId)}/cancel"),
            SendMode.Idempotent,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ProviderResult> ReadResultsAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? outputFile;
        string? errorFile;
        using (var doc = await GetBatchDocumentAsync(batchId, cancellationToken).ConfigureAwait(false))
        {
            // A file id may come back as "" instead of null (observed, tobert/kaibo#93): it means no file.
            outputFile = NullIfEmpty(OpenAIBatchState.Str(doc.RootElement, "output_file_id"));
            errorFile = NullIfEmpty(OpenAIBatchState.Str(doc.RootElement, "error_file_id"));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fileId in new[] { outputFile, errorFile })
        {
            if (fileId is null)
            {
                continue;
            }
            var path = $"/files/{Uri.EscapeDataString(fileId)}/content";
            await foreach (var result in JsonlDownload.ReadAsync(_http, () => Request(HttpMethod.Get, path), OpenAIResultParser.Parse, seen, cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
    }

    /// <inheritdoc />
    public async Task<string?> FindBatchAsync(BatchSubmission submission, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        using var doc = await _http.SendJsonAsync(() => Request(HttpMethod.Get, "/batches?limit=100"), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var since = notBefore.ToUnixTimeSeconds();
        foreach (var batch in data.EnumerateArray())
        {
            if (batch.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object &&
                OpenAIBatchState.Str(metadata, "batchata_tag") == submission.Tag &&
                OpenAIBatchState.Str(batch, "id") is { } id && !submission.KnownBatchIds.Contains(id) &&
                (!batch.TryGetProperty("created_at", out var created) || created.ValueKind != JsonValueKind.Number || created.GetInt64() >= since))
            {
                return id;
            }
        }
        return null;
    }

    private async Task<string> UploadAsync(BatchSubmission submission, CancellationToken cancellationToken)
    {
        var fileName = $"batchata-{submission.Tag}.jsonl";
        using var doc = await _http.SendJsonAsync(
            () =>
            {
                var request = Request(HttpMethod.Post, "/files");
                var form = new MultipartFormDataContent
                {
                    { new StringContent("batch"), "purpose" },
                    { new JsonlContent(submission.Requests), "file", fileName },
                };
                request.Content = form;
                return request;
            },
            SendMode.NonIdempotent,
            cancellationToken).ConfigureAwait(false);
        return OpenAIBatchState.Str(doc.RootElement, "id")
            ?? throw new ProviderException(Name, 200, "invalid_response", "the file upload answer has no id", isTransient: false);
    }

    private async Task<string> CreateAsync(string fileId, BatchSubmission submission, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("input_file_id", fileId);
            writer.WriteString("endpoint", EndpointOf(submission));
            writer.WriteString("completion_window", "24h");
            writer.WriteStartObject("metadata");
            writer.WriteString("batchata_tag", submission.Tag);
            writer.WriteString("batchata_model", submission.Model);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        var bytes = body.WrittenSpan.ToArray();
        using var doc = await _http.SendJsonAsync(
            () =>
            {
                var request = Request(HttpMethod.Post, "/batches");
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return request;
            },
            SendMode.NonIdempotent,
            cancellationToken).ConfigureAwait(false);
        return OpenAIBatchState.Str(doc.RootElement, "id")
            ?? throw new ProviderException(Name, 200, "invalid_response", "the batch create answer has no id", isTransient: false);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The batch endpoint: the <c>url</c> of the request lines (one model per batch, so one endpoint).</summary>
    internal static string EndpointOf(BatchSubmission submission)
    {
        if (submission.Requests.Count > 0)
        {
            var reader = new Utf8JsonReader(submission.Requests[0].Line.Span);
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("url"u8))
                {
                    reader.Read();
                    return reader.GetString() ?? OpenAIEndpoints.ChatCompletions;
                }
                if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
        return OpenAIEndpoints.ChatCompletions;
    }

    private Task<JsonDocument> GetBatchDocumentAsync(string batchId, CancellationToken cancellationToken)
        => _http.SendJsonAsync(() => Request(HttpMethod.Get, $"/batches/{Uri.EscapeDataString(batchId)}"), SendMode.Idempotent, cancellationToken);

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_base + path));
        Descriptor.Authorize(request, _apiKey);
        if (!string.IsNullOrEmpty(_options.Organization))
        {
            request.Headers.TryAddWithoutValidation("OpenAI-Organization", _options.Organization);
        }
        if (!string.IsNullOrEmpty(_options.Project))
        {
            request.Headers.TryAddWithoutValidation("OpenAI-Project", _options.Project);
        }
        return request;
    }
}
