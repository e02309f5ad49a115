using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Batchata;

/// <summary>
/// Gemini Batch Mode (Developer API, <c>v1beta</c>): inline requests under <see cref="GeminiOptions.InlineLimitBytes"/>,
/// else a JSONL file through the resumable Files API upload (protocols D).
/// </summary>
internal sealed class GeminiBatchProvider : IBatchProvider
{
    /// <summary>The most pages of 100 batches a reconciliation look-up reads.</summary>
    private const int MaxListPages = 20;

    private readonly GeminiOptions _options;
    private readonly string _apiKey;
    private readonly Uri _root;
    private readonly ProviderHttp _http;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="GeminiBatchProvider"/> class.</summary>
    /// <param name="options">The Gemini options (inline limit, poll interval).</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="baseUrl">The API root (without <c>v1beta</c>).</param>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="retry">The retry bounds, or null for the defaults.</param>
    /// <param name="logger">The provider's logger, or null.</param>
    public GeminiBatchProvider(GeminiOptions options, string apiKey, Uri baseUrl, HttpClient httpClient, TimeProvider timeProvider, RetrySettings? retry = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        _options = options;
        _apiKey = apiKey;
        var text = baseUrl.ToString();
        _root = new Uri(text.EndsWith('/') ? text : text + "/");
        _timeProvider = timeProvider;
        _http = new ProviderHttp(Descriptor.Name, httpClient, timeProvider, retry, logger) { Secrets = new SecretRedactor(apiKey) };
    }

    /// <summary>Gets the provider's facts.</summary>
    public static ProviderDescriptor Descriptor => ProviderDescriptors.Gemini;

    /// <inheritdoc />
    public string Name => Descriptor.Name;

    /// <inheritdoc />
    public ProviderLimits Limits => Descriptor.Limits;

    /// <inheritdoc />
    public bool OneModelPerBatch => Descriptor.OneModelPerBatch;

    /// <inheritdoc />
    public TimeSpan? PollInterval => _options.PollInterval;

    /// <inheritdoc />
    public void Validate(JobRequest job, ModelInfo model) => GeminiRequestValidator.Validate(job, model);

    /// <inheritdoc />
    public byte[] EncodeRequest(JobRequest job, ModelInfo model) => GeminiRequestEncoder.Encode(job);

    /// <inheritdoc />
    public Task<string> CreateBatchAsync(BatchSubmission submission, CancellationToken cancellationToken)
    {
        var inline = InlineBytes(submission) < _options.InlineLimitBytes;
        string? fileName = null;
        return CreateReconciler.CreateOnceAsync(
            this,
            submission,
            async token =>
            {
                if (inline)
                {
                    return await CreateAsync(submission, () => new GeminiInlineContent(submission.Tag, submission.Requests), token).ConfigureAwait(false);
                }
                // An upload whose batch create failed is reused on the next attempt.
                fileName ??= await UploadAsync(submission, token).ConfigureAwait(false);
                var body = Json(w =>
                {
                    w.WriteStartObject("batch");
                    w.WriteString("display_name", submission.Tag);
                    w.WriteStartObject("input_config");
                    w.WriteString("file_name", fileName);
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
                return await CreateAsync(submission, () => JsonContent(body), token).ConfigureAwait(false);
            },
            _timeProvider,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ProviderBatchState> GetBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        using var doc = await GetOperationAsync(batchId, cancellationToken).ConfigureAwait(false);
        return GeminiBatchState.Parse(doc.RootElement, batchId);
    }

    /// <inheritdoc />
    public async Task CancelBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(
            () => Request(HttpMethod.Post, $"{Descriptor.ResourcePath}{BatchPath(batchId)}:cancel"),
            SendMode.Idempotent,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ProviderResult> ReadResultsAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inline = new List<ProviderResult>();
        string? responsesFile = null;
        using (var doc = await GetOperationAsync(batchId, cancellationToken).ConfigureAwait(false))
        {
            if (GeminiBatchState.Output(doc.RootElement) is { } output)
            {
                responsesFile = GeminiResultParser.Str(output, "responsesFile");
                if (output.TryGetProperty("inlinedResponses", out var outer) && outer.ValueKind == JsonValueKind.Object &&
                    outer.TryGetProperty("inlinedResponses", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        var result = GeminiResultParser.ParseInline(item);
                        if (result is not null && seen.Add(result.CustomId))
                        {
                            inline.Add(result);
                        }
                    }
                }
            }
        }
        foreach (var result in inline)
        {
            yield return result;
        }
        if (responsesFile is null)
        {
            yield break;
        }
        var path = $"{Descriptor.DownloadPath}{responsesFile}:download?alt=media";
        await foreach (var result in JsonlDownload.ReadAsync(_http, () => Request(HttpMethod.Get, path), GeminiResultParser.ParseLine, seen, cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }

    /// <inheritdoc />
    public async Task<string?> FindBatchAsync(BatchSubmission submission, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        string? pageToken = null;
        for (var page = 0; page < MaxListPages; page++)
        {
            var url = Descriptor.BatchesPath + "?pageSize=100" + (pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken));
            using var doc = await _http.SendJsonAsync(() => Request(HttpMethod.Get, url), SendMode.Idempotent, cancellationToken).ConfigureAwait(false);
            if (!doc.RootElement.TryGetProperty("operations", out var operations) || operations.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var operation in operations.EnumerateArray())
            {
                if (!operation.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object ||
                    GeminiResultParser.Str(metadata, "displayName") != submission.Tag ||
                    GeminiResultParser.Str(operation, "name") is not { } name || submission.KnownBatchIds.Contains(name))
                {
                    continue;
                }

                if (GeminiResultParser.Str(metadata, "createTime") is { } created &&
                    DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt) &&
                    createdAt < notBefore)
                {
                    continue;
                }

                return name;
            }

            pageToken = GeminiResultParser.Str(doc.RootElement, "nextPageToken");
            if (string.IsNullOrEmpty(pageToken))
            {
                return null;
            }
        }

        return null;
    }

    private async Task<string> CreateAsync(BatchSubmission submission, Func<HttpContent> content, CancellationToken cancellationToken)
    {
        var model = submission.Model.StartsWith("models/", StringComparison.Ordinal) ? submission.Model["models/".Length..] : submission.Model;
        using var doc = await _http.SendJsonAsync(
            () =>
            {
                var request = Request(HttpMethod.Post, $"{Descriptor.ModelsPath}/{Uri.EscapeDataString(model)}:batchGenerateContent");
                request.Content = content();
                return request;
            },
            // Gemini answers a batch create over the project's batch quota with 429 RESOURCE_EXHAUSTED
            // (https://ai.google.dev/gemini-api/docs/troubleshooting: 429 RESOURCE_EXHAUSTED; discuss.ai.google.dev/t/107091).
            submission.CreateMode,
            cancellationToken).ConfigureAwait(false);
        return GeminiResultParser.Str(doc.RootElement, "name")
            ?? throw new ProviderException(Name, 200, "invalid_response", "the batch create answer has no name", isTransient: false);
    }

    private async Task<string> UploadAsync(BatchSubmission submission, CancellationToken cancellationToken)
    {
        var length = JsonlContent.LengthOf(submission.Requests);
        var start = Json(w =>
        {
            w.WriteStartObject("file");
            w.WriteString("display_name", $"batchata-{submission.Tag}");
            w.WriteString("mime_type", "application/jsonl");
            w.WriteEndObject();
        });
        Uri uploadUrl;
        using (var response = await _http.SendAsync(
            () =>
            {
                var request = Request(HttpMethod.Post, Descriptor.UploadPath!);
                request.Headers.TryAddWithoutValidation("X-Goog-Upload-Protocol", "resumable");
                request.Headers.TryAddWithoutValidation("X-Goog-Upload-Command", "start");
                request.Headers.TryAddWithoutValidation("X-Goog-Upload-Header-Content-Length", length.ToString(CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("X-Goog-Upload-Header-Content-Type", "application/jsonl");
                request.Content = JsonContent(start);
                return request;
            },
            SendMode.NonIdempotent,
            cancellationToken).ConfigureAwait(false))
        {
            var url = response.Headers.TryGetValues("X-Goog-Upload-URL", out var values) ? values.FirstOrDefault() : null;
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
            {
                throw new ProviderException(Name, (int)response.StatusCode, "invalid_response", "the upload start answer has no X-Goog-Upload-URL header", isTransient: true);
            }
            // Like the official SDK: keep the path, use the configured host (proxies, emulators).
            uploadUrl = new Uri(_root, parsed.PathAndQuery);
        }
        using var doc = await _http.SendJsonAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl);
                Descriptor.Authorize(request, _apiKey);
                request.Headers.TryAddWithoutValidation("X-Goog-Upload-Offset", "0");
                request.Headers.TryAddWithoutValidation("X-Goog-Upload-Command", "upload, finalize");
                request.Content = new JsonlContent(submission.Requests);
                return request;
            },
            SendMode.NonIdempotent,
            cancellationToken).ConfigureAwait(false);
        var root = doc.RootElement;
        var file = root.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.Object ? f : root;
        return GeminiResultParser.Str(file, "name")
            ?? throw new ProviderException(Name, 200, "invalid_response", "the upload answer has no file name", isTransient: false);
    }

    private Task<JsonDocument> GetOperationAsync(string batchId, CancellationToken cancellationToken)
        => _http.SendJsonAsync(() => Request(HttpMethod.Get, $"{Descriptor.ResourcePath}{BatchPath(batchId)}"), SendMode.Idempotent, cancellationToken);

    /// <summary>The size of the inline create body: each line gains <c>"metadata":{}</c> and a comma (about 16 bytes), plus the envelope.</summary>
    internal static long InlineBytes(BatchSubmission submission) => submission.TotalBytes + (submission.Requests.Count * 16L) + 256 + (submission.Tag.Length * 2L);

    private static string BatchPath(string batchId) => batchId.StartsWith("batches/", StringComparison.Ordinal) ? batchId : "batches/" + batchId;

    private HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(_root, relative));
        Descriptor.Authorize(request, _apiKey);
        return request;
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static ByteArrayContent JsonContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
