using System.Text.Json;

namespace Batchata;

/// <summary>Turns one provider result into the job's <see cref="JobResult"/>: parses structured answers, maps citations, prices the usage.</summary>
internal static class ResultMapper
{
    /// <param name="job">The job.</param>
    /// <param name="result">The provider's result line for it.</param>
    /// <param name="batchId">The provider batch id.</param>
    /// <param name="stop">Why the run stopped, if it did (a cancelled request then reads as a time-limit failure or a cancel).</param>
    /// <param name="schema">Loads the job's response schema; called only for a structured job that has an answer.</param>
    /// <param name="structuredMode">How the schema reached the model (null for free text).</param>
    public static JobResult Map(JobState job, ProviderResult result, string batchId, StopReason stop, Func<JsonElement?> schema, string? structuredMode = null)
    {
        var usage = result.Usage;
        var cost = CostCalculator.BatchCost(job.Model, usage);
        var baseResult = new JobResult
        {
            JobId = job.Id,
            BatchId = batchId,
            Model = job.Model.Id,
            Provider = job.Provider,
            ResponseType = job.ResponseTypeName,
            StructuredMode = structuredMode,
            RawResponse = result.Text,
            InputTokens = usage.TotalInputTokens,
            OutputTokens = usage.OutputTokens,
            CacheWriteTokens = usage.CacheWriteTokens + usage.CacheWrite1hTokens,
            CacheReadTokens = usage.CacheReadTokens,
            CostUsd = cost,
        };

        switch (result.Kind)
        {
            case ProviderResultKind.Errored:
                return Failed(baseResult, JobFailureKind.ProviderError, $"{result.ErrorType ?? "error"}: {result.ErrorMessage ?? "the provider gave no message"}", result.ErrorType);
            case ProviderResultKind.Expired:
                return Failed(baseResult, JobFailureKind.Expired, "The provider batch expired before this request was processed (expired).", "expired");
            case ProviderResultKind.Canceled:
                return stop == StopReason.TimeLimit
                    ? Failed(baseResult, JobFailureKind.TimeLimitExceeded, "Time limit exceeded: the provider batch was cancelled before this request ran.", "canceled")
                    : Cancelled(baseResult, "Cancelled: the provider batch was cancelled before this request ran.");
        }

        if (result.StopReason == "refusal")
        {
            return Failed(baseResult, JobFailureKind.ProviderError, "refusal: the model declined to answer.", "refusal");
        }

        if (!job.HasSchema || schema() is not { } responseSchema)
        {
            return Completed(baseResult, result, null);
        }

        var parsed = StructuredOutputParser.Parse(result.Text ?? "", responseSchema);
        if (!parsed.Success)
        {
            var cut = result.StopReason == "max_tokens" ? " The answer was cut at max_tokens; raise max_tokens." : "";
            return Failed(baseResult, JobFailureKind.InvalidResponse, $"The answer does not match the response type '{job.ResponseTypeName}': {parsed.Error}.{cut} The raw text is kept in raw_response.", "invalid_response");
        }

        return Completed(baseResult, result, parsed.Value);
    }

    private static JobResult Completed(JobResult template, ProviderResult result, JsonElement? parsed)
    {
        IReadOnlyList<Citation>? citations = null;
        IReadOnlyDictionary<string, IReadOnlyList<Citation>>? mappings = null;
        if (result.Blocks is { Count: > 0 } blocks)
        {
            var flat = CitationMapper.Flatten(blocks);
            citations = flat.Count > 0 ? flat : null;
            if (parsed is { } value && citations is not null)
            {
                var mapped = CitationMapper.Map(blocks, value);
                mappings = mapped.Count > 0 ? mapped : null;
            }
        }

        return Copy(template, JobStatus.Completed, null, JobFailureKind.None, null, parsed, citations, mappings);
    }

    private static JobResult Failed(JobResult template, JobFailureKind kind, string error, string? errorType)
        => Copy(template, JobStatus.Failed, error, kind, errorType, null, null, null);

    private static JobResult Cancelled(JobResult template, string error)
        => Copy(template, JobStatus.Cancelled, error, JobFailureKind.Cancelled, "canceled", null, null, null);

    private static JobResult Copy(
        JobResult t,
        JobStatus status,
        string? error,
        JobFailureKind kind,
        string? errorType,
        JsonElement? parsed,
        IReadOnlyList<Citation>? citations,
        IReadOnlyDictionary<string, IReadOnlyList<Citation>>? mappings) => new()
        {
            JobId = t.JobId,
            Status = status,
            RawResponse = t.RawResponse,
            ParsedResponse = parsed,
            Citations = citations,
            CitationMappings = mappings,
            InputTokens = t.InputTokens,
            OutputTokens = t.OutputTokens,
            CacheWriteTokens = t.CacheWriteTokens,
            CacheReadTokens = t.CacheReadTokens,
            CostUsd = t.CostUsd,
            Error = error,
            FailureKind = kind,
            ErrorType = errorType,
            BatchId = t.BatchId,
            Model = t.Model,
            Provider = t.Provider,
            ResponseType = t.ResponseType,
            StructuredMode = t.StructuredMode,
        };
}
