namespace Batchata.Emulator;

/// <summary>Fault injection knobs. Every fault is deterministic for a given <see cref="EmulatorOptions.Seed"/>.</summary>
public sealed class FaultOptions
{
    /// <summary>
    /// Gets or sets the fraction (0..1) of API calls answered with a transient error: a seeded mix of 429
    /// (with <c>retry-after: 0</c> and <c>retry-after-ms: 10</c>), 500, 503, 529 (Anthropic) and aborted connections.
    /// <value>The default value is 0.</value>
    /// </summary>
    public double TransientFailureRate { get; set; }

    /// <summary>
    /// Gets or sets the endpoints <see cref="TransientFailureRate"/> applies to, as "METHOD /path" prefixes
    /// (for example <c>"POST /v1/messages/batches"</c> or <c>"GET /v1/files"</c>); null or empty means every endpoint.
    /// Can be changed while the emulator runs.
    /// <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    public IReadOnlyList<string>? Endpoints { get; set; }

    /// <summary>
    /// Gets or sets the fraction (0..1) of requests inside batches that end errored with a retryable error type.
    /// <value>The default value is 0.</value>
    /// </summary>
    public double RetryableRequestErrorRate { get; set; }

    /// <summary>
    /// Gets or sets the fraction (0..1) of batch creates that DO create the batch but drop the connection instead of
    /// answering: the case where a client must look the batch up rather than create it again.
    /// <value>The default value is 0.</value>
    /// </summary>
    public double LostCreateAnswerRate { get; set; }

    /// <summary>
    /// Gets or sets the endpoints that accept a request and never answer (a stalled server), as "METHOD /path" prefixes,
    /// or "METHOD */suffix" for paths that end with a suffix (for example <c>"GET */results"</c>). Can be changed while
    /// the emulator runs. <value>The default value is <see langword="null"/> (none).</value>
    /// </summary>
    public IReadOnlyList<string>? StalledEndpoints { get; set; }

    /// <summary>
    /// Gets or sets the fraction (0..1) of API calls, on any endpoint, that are accepted and never answered (seeded), as
    /// a server that stalls now and then: a client must time the attempt out and try again.
    /// <value>The default value is 0.</value>
    /// </summary>
    public double StallRate { get; set; }

    /// <summary>
    /// Gets or sets the one status every injected transient fault answers with (429, 500, 503 or 529), instead of the
    /// seeded mix. <value>The default value is <see langword="null"/> (the mix).</value>
    /// </summary>
    public int? TransientStatus { get; set; }

    /// <summary>
    /// Gets or sets the <c>retry-after</c> of injected 429s. <value>The default value is <see langword="null"/>
    /// (<c>retry-after: 0</c> with <c>retry-after-ms: 10</c>).</value>
    /// </summary>
    public TimeSpan? RateLimitRetryAfter { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether every error answer quotes the API key the request presented (as some
    /// providers and proxies do), so that a client can be tested for keeping keys out of its files and messages.
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool EchoKeyInErrors { get; set; }

    /// <summary>Gets or sets a value indicating whether the first download of each result stream is cut off mid-line.</summary>
    public bool TruncateResultStreams { get; set; }

    /// <summary>Gets or sets the age after which batches still running expire. <value>The default value is <see langword="null"/> (24 h).</value></summary>
    public TimeSpan? ExpireAfter { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether requests finish progressively over the processing latency
    /// (request <c>i</c> of <c>n</c> finishes at <c>created + latency·(i+1)/n</c>), so that an expiry or a cancel keeps
    /// some results. When <see langword="false"/>, every request finishes when the batch ends.
    /// <value>The default value is <see langword="true"/>.</value>
    /// </summary>
    public bool PartialCompletion { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether OpenAI answers every upload and batch create with 429 <c>insufficient_quota</c>,
    /// as for a project without credit (an error that does not heal with retries). <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool QuotaExhausted { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether an OpenAI batch writes an absent output or error file id as <c>""</c> instead of
    /// null (observed on the real API, tobert/kaibo#93). <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool EmptyFileIds { get; set; }
}
