using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Batchata;

/// <summary>
/// The HTTP layer shared by the providers: sends requests with bounded exponential back-off and jitter on
/// transient failures (429, 5xx, 529, connection resets, timeouts), honouring <c>retry-after-ms</c>,
/// <c>retry-after</c> and <c>x-should-retry</c>; turns error answers into <see cref="ProviderException"/>s
/// that never contain the API key.
/// </summary>
internal sealed class ProviderHttp
{
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _nonIdempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _createWhileQueued;

    public ProviderHttp(string provider, HttpClient client, TimeProvider timeProvider, RetrySettings? retry = null, ILogger? logger = null)
    {
        Provider = provider;
        Logger = logger ?? NullLogger.Instance;
        Client = client;
        TimeProvider = timeProvider;
        Retry = retry ?? RetrySettings.Default;
        _idempotent = BuildPipeline(IsTransientStatus, retryExceptions: true);
        _nonIdempotent = BuildPipeline(IsRejectedStatus, retryExceptions: false);
        _createWhileQueued = BuildPipeline(status => (int)status is 503 or 529, retryExceptions: false);
    }

    /// <summary>The provider name used in error messages.</summary>
    public string Provider { get; }

    /// <summary>The underlying client.</summary>
    public HttpClient Client { get; }

    /// <summary>The clock used for back-off delays.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The keys to replace in whatever text the provider sends back.</summary>
    public SecretRedactor Secrets { get; init; } = SecretRedactor.None;

    /// <summary>The retry bounds.</summary>
    public RetrySettings Retry { get; }

    /// <summary>The provider's logger (category <c>Batchata.Providers.*</c>).</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// Sends a request built fresh by <paramref name="createRequest"/> for each attempt and returns a successful
    /// response (the caller disposes it). Throws <see cref="ProviderException"/> for error answers and for
    /// transient failures that outlast the retries.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest,
        SendMode mode,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var pipeline = mode switch
        {
            SendMode.Idempotent => _idempotent,
            SendMode.CreateWhileQueued => _createWhileQueued,
            _ => _nonIdempotent,
        };
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                async token =>
                {
                    // Each attempt is bounded in real time (it bounds socket I/O), inside the retry policy.
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                    attempt.CancelAfter(Retry.AttemptTimeout);
                    using var request = createRequest();
                    try
                    {
                        return await Client.SendAsync(request, completion, attempt.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
                    {
                        throw new TimeoutException($"no answer within {Retry.AttemptTimeout.TotalSeconds:0} s", ex);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransientException(ex, cancellationToken))
        {
            throw new ProviderException(Provider, 0, "connection_error", Secrets.Redact($"the request failed without an answer ({ex.GetType().Name}: {ex.Message})"), isTransient: true, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a request and parses the JSON body of the successful answer.</summary>
    public async Task<JsonDocument> SendJsonAsync(Func<HttpRequestMessage> createRequest, SendMode mode, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(createRequest, mode, cancellationToken).ConfigureAwait(false);

        // Read as text so that a key the server echoes (in a status message, say) is replaced before anything reads it.
        var body = Secrets.Redact(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new ProviderException(Provider, (int)response.StatusCode, "invalid_response", $"the answer was not valid JSON: {ex.Message}", isTransient: true, ex);
        }
    }

    /// <summary>Builds a <see cref="ProviderException"/> from an error answer of any of the three providers' shapes.</summary>
    public async Task<ProviderException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = "";
        }

        body = Secrets.Redact(body);

        var (type, message) = ParseError(body);
        message ??= string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase ?? "no details" : Truncate(body, 500);
        if (status == 401 || (status == 400 && type == "INVALID_ARGUMENT" && message.Contains("API key", StringComparison.OrdinalIgnoreCase)))
        {
            message += $" Check the {Provider} API key (options or environment variable).";
        }

        if (status == 429 && type is not null && type.Contains(InsufficientQuota, StringComparison.Ordinal))
        {
            return new ProviderException(Provider, status, type, message + $" ({InsufficientQuota} does not heal with retries, so Batchata did not retry: add credit or raise the project's usage limit, then run again.)", isTransient: false);
        }

        return new ProviderException(Provider, status, type, message, IsTransientStatus(response.StatusCode));
    }

    /// <summary>
    /// OpenAI's 429 <c>insufficient_quota</c> ("You exceeded your current quota") will not heal with retries
    /// (https://platform.openai.com/docs/guides/error-codes#api-errors; protocols.md errata): it is never retried.
    /// </summary>
    private const string InsufficientQuota = "insufficient_quota";

    private static async Task<bool> IsQuotaExhaustedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode != 429)
        {
            return false;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return body.Contains(InsufficientQuota, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return false;
        }
    }

    /// <summary>Reads <c>{error:{type|status|code, message}}</c> (OpenAI, Gemini) and <c>{type:"error", error:{type, message}}</c> (Anthropic).</summary>
    internal static (string? Type, string? Message) ParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var type = GetString(error, "type") ?? GetString(error, "status") ?? GetString(error, "code");
                if (GetString(error, "code") is { } code && GetString(error, "type") is not null && code != type)
                {
                    type = $"{type}/{code}";
                }

                return (type, GetString(error, "message"));
            }
        }
        catch (JsonException)
        {
        }

        return (null, null);
    }

    private static string? GetString(JsonElement element, string name)
        => element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static bool IsTransientStatus(HttpStatusCode status)
        => (int)status is 408 or 409 or 429 or 500 or 502 or 503 or 504 or 529;

    /// <summary>Statuses that prove the server did not act on the request.</summary>
    private static bool IsRejectedStatus(HttpStatusCode status) => (int)status is 429 or 503 or 529;

    private static bool IsTransientException(Exception ex, CancellationToken cancellationToken)
        => ex is HttpRequestException or IOException or TimeoutException
           || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(Func<HttpStatusCode, bool> retryStatus, bool retryExceptions)
    {
        var options = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = Retry.MaxRetries,
            Delay = Retry.BaseDelay,
            MaxDelay = Retry.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = async args => args.Outcome switch
            {
                { Exception: { } ex } => retryExceptions && IsTransientException(ex, args.Context.CancellationToken),
                { Result: { } r } => ShouldRetry(r, retryStatus) && !await IsQuotaExhaustedAsync(r, args.Context.CancellationToken).ConfigureAwait(false),
                _ => false,
            },
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? ServerHint(r) : null),
            OnRetry = args =>
            {
                ProviderLog.Retrying(Logger, Provider, args.AttemptNumber + 1, args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "no answer", args.RetryDelay);
                args.Outcome.Result?.Dispose();
                return default;
            },
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = TimeProvider }
            .AddRetry(options)
            .Build();
    }

    private static bool ShouldRetry(HttpResponseMessage response, Func<HttpStatusCode, bool> retryStatus)
    {
        if (response.Headers.TryGetValues("x-should-retry", out var values))
        {
            var value = values.FirstOrDefault();
            if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return retryStatus(response.StatusCode);
    }

    /// <summary>The delay the server asks for: <c>retry-after-ms</c>, then <c>retry-after</c> (seconds or HTTP date), capped.</summary>
    private TimeSpan? ServerHint(HttpResponseMessage response)
    {
        TimeSpan? hint = null;
        if (response.Headers.TryGetValues("retry-after-ms", out var ms) &&
            double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
        {
            hint = TimeSpan.FromMilliseconds(millis);
        }
        else if (response.Headers.RetryAfter is RetryConditionHeaderValue retryAfter)
        {
            hint = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - TimeProvider.GetUtcNow() : null);
        }

        if (hint is not { } value || value < TimeSpan.Zero)
        {
            return null;
        }

        return value > Retry.MaxDelay ? Retry.MaxDelay : value;
    }
}
