using System.Text.Json;

namespace Batchata;

/// <summary>
/// Checks what only OpenAI knows: sampling parameters on reasoning models, the temperature range, parameter names,
/// the Responses API's minimum output. What a model can take (images, PDFs, citations, schemas) is
/// <see cref="CapabilityChecks"/>'s.
/// </summary>
internal static class OpenAIRequestValidator
{
    /// <summary>Throws <see cref="BatchValidationException"/> naming the job when it cannot be sent to OpenAI.</summary>
    public static void Validate(JobRequest job, ModelInfo model)
    {
        var reasoning = model.Capabilities.Reasoning;
        if (job.Temperature is { } temperature)
        {
            if (reasoning)
            {
                throw new BatchValidationException(job.Id, $"model '{model.Id}' is a reasoning model and rejects temperature. Remove the temperature.");
            }
            if (temperature is < 0 or > 2 || double.IsNaN(temperature))
            {
                throw new BatchValidationException(job.Id, $"temperature {temperature} is out of range for OpenAI; use a value from 0 to 2.");
            }
        }
        if (OpenAIEndpoints.For(model) == OpenAIEndpoints.Responses && job.MaxTokens < 16)
        {
            // CreateResponse: max_output_tokens has a minimum of 16 (reference/openai-openapi.json).
            throw new BatchValidationException(job.Id, $"model '{model.Id}' is served by the Responses API, whose max_output_tokens must be at least 16 (got {job.MaxTokens}). Raise max_tokens.");
        }
        if (job.AdditionalParams is { } extra)
        {
            ValidateAdditional(job, model, extra, reasoning);
        }
    }

    private static void ValidateAdditional(JobRequest job, ModelInfo model, JsonElement extra, bool reasoning)
    {
        if (extra.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return;
        }
        if (extra.ValueKind != JsonValueKind.Object)
        {
            throw new BatchValidationException(job.Id, "additional parameters must be a JSON object.");
        }
        var endpoint = OpenAIEndpoints.For(model);
        var acceptedSet = endpoint == OpenAIEndpoints.Responses ? OpenAIParameters.AcceptedResponses : OpenAIParameters.Accepted;
        foreach (var property in extra.EnumerateObject())
        {
            if (reasoning && OpenAIParameters.ReasoningRejected.Contains(property.Name))
            {
                throw new BatchValidationException(job.Id, $"model '{model.Id}' is a reasoning model, and OpenAI rejects {property.Name} on reasoning models (400 \"Unsupported parameter\"). Remove {property.Name}, or use a non-reasoning model such as gpt-4.1.");
            }
            if (!acceptedSet.Contains(property.Name))
            {
                var accepted = string.Join(", ", acceptedSet.Order(StringComparer.Ordinal));
                var where = endpoint == OpenAIEndpoints.Responses
                    ? $"model '{model.Id}' is served only by the Responses API ({endpoint}), which has no parameter '{property.Name}'"
                    : $"unknown OpenAI parameter '{property.Name}'";
                throw new BatchValidationException(job.Id, $"{where}. Remove it; accepted additional parameters: {accepted}.");
            }
        }
    }
}
