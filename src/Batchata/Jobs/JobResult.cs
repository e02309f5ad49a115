using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>
/// The outcome of one job: the answer (raw and parsed), citations, token usage and cost, or the error.
/// This is also the shape of the per-job result file <c>{resultsDir}/{jobId}.json</c> (snake_case, compatible with Python batchata).
/// </summary>
public sealed class JobResult
{
    /// <summary>Gets the job id.</summary>
    [JsonPropertyName("job_id")] public required string JobId { get; init; }

    /// <summary>Gets how the job ended.</summary>
    [JsonPropertyName("status")] public JobStatus Status { get; init; }

    /// <summary>Gets the answer text exactly as the model returned it (also kept when parsing fails).</summary>
    [JsonPropertyName("raw_response")] public string? RawResponse { get; init; }

    /// <summary>Gets the parsed structured answer, for jobs with a response type or schema.</summary>
    [JsonPropertyName("parsed_response")] public JsonElement? ParsedResponse { get; init; }

    /// <summary>Gets every citation of the answer, in order, or null.</summary>
    [JsonPropertyName("citations")] public IReadOnlyList<Citation>? Citations { get; init; }

    /// <summary>Gets the citations attached to each field of the parsed answer (paths like <c>items[2].amount</c>), or null.</summary>
    [JsonPropertyName("citation_mappings")] public IReadOnlyDictionary<string, IReadOnlyList<Citation>>? CitationMappings { get; init; }

    /// <summary>Gets all prompt tokens (including cache writes and reads).</summary>
    [JsonPropertyName("input_tokens")] public long InputTokens { get; init; }

    /// <summary>Gets the output tokens (including reasoning/thinking tokens).</summary>
    [JsonPropertyName("output_tokens")] public long OutputTokens { get; init; }

    /// <summary>Gets the prompt tokens written to the cache.</summary>
    [JsonPropertyName("cache_write_tokens")] public long CacheWriteTokens { get; init; }

    /// <summary>Gets the prompt tokens read from the cache.</summary>
    [JsonPropertyName("cache_read_tokens")] public long CacheReadTokens { get; init; }

    /// <summary>Gets the cost of this job at batch prices, in USD.</summary>
    [JsonPropertyName("cost_usd")] public decimal CostUsd { get; init; }

    /// <summary>Gets the error message for failed and cancelled jobs, else null.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>Gets the machine-readable failure reason.</summary>
    [JsonPropertyName("failure_kind")] public JobFailureKind FailureKind { get; init; }

    /// <summary>Gets the provider's error type for provider failures (e.g. <c>invalid_request_error</c>).</summary>
    [JsonPropertyName("error_type")] public string? ErrorType { get; init; }

    /// <summary>Gets the provider batch that ran this job, if it was submitted.</summary>
    [JsonPropertyName("batch_id")] public string? BatchId { get; init; }

    /// <summary>Gets the model that ran the job.</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>Gets the provider that ran the job.</summary>
    [JsonPropertyName("provider")] public string? Provider { get; init; }

    /// <summary>Gets the name of the response type of a structured job.</summary>
    [JsonPropertyName("response_type")] public string? ResponseType { get; init; }

    /// <summary>
    /// Gets how a structured job's schema reached the model: <c>native</c> (the provider's structured output, with keywords it
    /// refuses dropped from the wire) or <c>instructed</c> (the schema in the prompt, where native structured output cannot
    /// serve it: citations, a schema over the provider's limits, an Anthropic prefill). Null for free-text jobs. The answer
    /// is validated against the full schema either way.
    /// </summary>
    [JsonPropertyName("structured_mode")] public string? StructuredMode { get; init; }

    /// <summary>Gets a value indicating whether the job completed.</summary>
    [JsonIgnore] public bool IsSuccess => Status == JobStatus.Completed;

    /// <summary>Gets input plus output tokens.</summary>
    [JsonIgnore] public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Deserializes the parsed answer into <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The response type.</typeparam>
    /// <param name="options">Serializer options; the default matches the ones the schema was made with.</param>
    /// <returns>The typed answer.</returns>
    /// <exception cref="InvalidOperationException">The job has no parsed answer, or it does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode(UserTypes.Message)]
    [RequiresDynamicCode(UserTypes.Message)]
    public T GetParsed<T>(JsonSerializerOptions? options = null)
    {
        if (ParsedResponse is not { } element)
        {
            throw new InvalidOperationException($"Job '{JobId}' has no parsed response ({Error ?? "it was not a structured job"}).");
        }

        try
        {
            return element.Deserialize<T>(options ?? JsonDefaults.Options)
                ?? throw new InvalidOperationException($"Job '{JobId}': the parsed response is null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Job '{JobId}': the parsed response does not fit {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <summary>Tries to deserialize the parsed answer into <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The response type.</typeparam>
    /// <param name="value">The typed answer, when this returns true.</param>
    /// <returns>True when the job has a parsed answer that fits <typeparamref name="T"/>.</returns>
    [RequiresUnreferencedCode(UserTypes.Message)]
    [RequiresDynamicCode(UserTypes.Message)]
    public bool TryGetParsed<T>([NotNullWhen(true)] out T? value)
    {
        value = default;
        if (ParsedResponse is not { } element)
        {
            return false;
        }

        try
        {
            value = element.Deserialize<T>(JsonDefaults.Options);
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Writes this result as JSON to <paramref name="path"/> (atomically: temp file, then rename).</summary>
    /// <param name="path">The file to write; its directory is created if needed.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public Task SaveToJsonAsync(string path, CancellationToken cancellationToken = default)
        => ResultFileWriter.WriteAsync(this, path, cancellationToken);
}
