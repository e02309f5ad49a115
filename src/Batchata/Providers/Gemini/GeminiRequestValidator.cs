using System.Text.Json;

namespace Batchata;

/// <summary>
/// Checks what only Gemini knows: the temperature range and parameter names. What a model can take (images, PDFs,
/// citations, schemas) is <see cref="CapabilityChecks"/>'s.
/// </summary>
internal static class GeminiRequestValidator
{
    /// <summary>Throws <see cref="BatchValidationException"/> naming the job when it cannot be sent to Gemini.</summary>
    public static void Validate(JobRequest job, ModelInfo model)
    {
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
    }
}
