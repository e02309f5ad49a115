using System.Text.Json;

namespace Batchata;

/// <summary>Checks what only Gemini knows: temperature range, parameter names, citations, file kinds.</summary>
internal static class GeminiRequestValidator
{
    /// <summary>Throws <see cref="BatchValidationException"/> naming the job when it cannot be sent to Gemini.</summary>
    public static void Validate(JobRequest job, ModelInfo model)
    {
        if (job.EnableCitations)
        {
            throw new BatchValidationException(job.Id, $"citations are supported on Anthropic models only, not on Gemini model '{model.Id}'. Remove enableCitations or use an Anthropic model.");
        }
        if (job.Temperature is { } temperature && (temperature is < 0 or > 2 || double.IsNaN(temperature)))
        {
            throw new BatchValidationException(job.Id, $"temperature {temperature} is out of range for Gemini; use a value from 0 to 2.");
        }
        if (job.AdditionalParams is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } extra)
        {
            if (extra.ValueKind != JsonValueKind.Object)
            {
                throw new BatchValidationException(job.Id, "additional parameters must be a JSON object.");
            }
            foreach (var property in extra.EnumerateObject())
            {
                if (!GeminiParameters.Accepted.Contains(GeminiParameters.ToCamel(property.Name)))
                {
                    var accepted = string.Join(", ", GeminiParameters.Accepted.Order(StringComparer.Ordinal));
                    throw new BatchValidationException(job.Id, $"unknown Gemini parameter '{property.Name}'. Accepted additional parameters (camelCase or snake_case): {accepted}.");
                }
            }
        }
        if (job.File is { } file)
        {
            if (file.Kind == JobFileKind.Image && !model.Capabilities.Vision)
            {
                throw new BatchValidationException(job.Id, $"model '{model.Id}' does not accept images. Use a vision model or remove the file.");
            }
            if (file.Kind == JobFileKind.Pdf && !model.Capabilities.Pdf)
            {
                throw new BatchValidationException(job.Id, $"model '{model.Id}' does not accept PDF input. Use a model with PDF support or remove the file.");
            }
        }
        if (job.ResponseSchema is not null && !model.Capabilities.StructuredOutput)
        {
            throw new BatchValidationException(job.Id, $"model '{model.Id}' does not support structured output (JSON schema). Use another model or ask for free text.");
        }
    }
}
