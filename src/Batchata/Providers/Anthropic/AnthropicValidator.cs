using System.Text.Json;
using System.Text.RegularExpressions;

namespace Batchata;

/// <summary>
/// The checks only Anthropic needs (protocols A.3/A.8/B.1, models.md §1 quirks), run at <c>AddJob</c>. What a model
/// can take (images, PDFs, citations, schemas) is <see cref="CapabilityChecks"/>'s.
/// </summary>
internal static partial class AnthropicValidator
{
    /// <summary>The API version that rejects temperature, top_p and top_k.</summary>
    public const string NoSamplingVersion = "2026-10-21";

    /// <summary>The additional parameter names passed through to <c>params</c>.</summary>
    public static readonly IReadOnlyList<string> AcceptedParams =
    [
        "top_p", "top_k", "stop_sequences", "thinking", "service_tier", "metadata", "output_config",
        "inference_geo", "cache_control", "tool_choice", "tools",
    ];

    /// <summary>Messages API parameters that a batch request may not carry.</summary>
    public static readonly IReadOnlyList<string> BatchRejected = ["speed", "stream"];

    /// <summary>Throws <see cref="BatchValidationException"/> naming the job when it cannot run on Anthropic as given.</summary>
    public static void Validate(JobRequest job, ModelInfo model, string apiVersion)
    {
        var caps = model.Capabilities;
        if (!CustomIdRegex().IsMatch(job.Id))
        {
            // One bad custom_id makes the API reject the whole batch at create (protocols A.3).
            throw Error(job, "the job id is used as Anthropic's custom_id and must be 1-64 characters of letters, digits, '_' or '-'.");
        }

        if (!job.Messages.Any(m => m.Role != "system"))
        {
            throw Error(job, "Anthropic needs at least one user message besides the system prompt.");
        }

        var sampling = new List<string>(3);
        if (job.Temperature is not null)
        {
            sampling.Add("temperature");
        }

        if (job.AdditionalParams is { } extra)
        {
            if (extra.ValueKind != JsonValueKind.Object)
            {
                throw Error(job, "additional parameters must be a JSON object.");
            }

            foreach (var property in extra.EnumerateObject())
            {
                if (BatchRejected.Contains(property.Name, StringComparer.Ordinal))
                {
                    // https://platform.claude.com/docs/en/build-with-claude/batch-processing and .../fast-mode: a Message
                    // Batches request may not stream, and fast mode (speed) is not available for batches.
                    throw Error(job, $"Anthropic's Message Batches API rejects '{property.Name}' ({(property.Name == "speed" ? "fast mode is not available for batches" : "batch requests cannot stream")}); remove it from the additional parameters.");
                }

                if (!AcceptedParams.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw Error(job, $"unknown Anthropic parameter '{property.Name}'. Accepted additional parameters: {string.Join(", ", AcceptedParams)}"
                        + (property.Name == "temperature" ? " (set temperature with the job's temperature option)." : "."));
                }

                if (property.Name is "top_p" or "top_k")
                {
                    sampling.Add(property.Name);
                }
            }
        }

        if (sampling.Count > 0)
        {
            var names = string.Join("/", sampling);
            if (string.Equals(apiVersion, NoSamplingVersion, StringComparison.Ordinal))
            {
                throw Error(job, $"anthropic-version {NoSamplingVersion} rejects {names}; remove it or set ApiVersion to 2023-06-01.");
            }

            if (caps.ThinkingAlwaysOn)
            {
                throw Error(job, $"model '{model.Id}' always thinks and rejects {names}; remove it.");
            }

            if (!caps.Temperature)
            {
                throw Error(job, $"model '{model.Id}' rejects {names} (even under anthropic-version 2023-06-01); remove it.");
            }
        }

        if (job.Temperature is { } t && (t < 0 || t > 1 || double.IsNaN(t)))
        {
            throw Error(job, $"temperature {t} is out of range; Anthropic accepts 0 to 1.");
        }

        if (job.MaxTokens < 1)
        {
            throw Error(job, "max_tokens must be at least 1.");
        }

        if (model.MaxOutputTokens > 0 && job.MaxTokens > model.MaxOutputTokens)
        {
            throw Error(job, $"max_tokens {job.MaxTokens} exceeds the limit of model '{model.Id}' ({model.MaxOutputTokens}).");
        }

        ValidateFile(job);
        if (AnthropicRequestEncoder.StructuredMode(job, model) == AnthropicStructuredMode.ForcedTool
            && job.AdditionalParams is { } p && p.TryGetProperty("tool_choice", out _))
        {
            throw Error(job, "tool_choice cannot be set on a structured job that uses forced tool use; remove it.");
        }
    }

    private static void ValidateFile(JobRequest job)
    {
        if (job.File is not null && !job.Messages.Any(m => m.Role == "user"))
        {
            throw Error(job, "a file needs a user message to attach to.");
        }
    }

    private static BatchValidationException Error(JobRequest job, string message) => new(job.Id, message);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CustomIdRegex();
}
