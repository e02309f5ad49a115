using System.Text.Json;

namespace Batchata;

/// <summary>
/// How a structured job's schema reaches the model, recorded in the result as <c>structured_mode</c>:
/// <see cref="Native"/> (the provider's structured output, with keywords it refuses dropped from the wire) or
/// <see cref="Instructed"/> (the schema in the prompt: citations, schemas over a provider's native limits, an
/// assistant prefill on Anthropic). Either way the answer is validated locally against the user's full schema.
/// </summary>
internal static class StructuredModes
{
    /// <summary>The provider's native structured output enforces the (possibly rewritten) schema.</summary>
    public const string Native = "native";

    /// <summary>The schema is given to the model as an instruction; only local validation enforces it.</summary>
    public const string Instructed = "instructed";

    /// <summary>Chooses the mode of a job (null without a schema).</summary>
    public static string? Choose(JobRequest job, ModelInfo model)
    {
        if (job.ResponseSchema is null)
        {
            return null;
        }

        return model.Provider switch
        {
            ProviderDescriptors.AnthropicName => AnthropicRequestEncoder.StructuredMode(job, model) == AnthropicStructuredMode.PromptInstruction ? Instructed : Native,
            ProviderDescriptors.OpenAIName => SchemaCache.FitsNative(job.ResponseSchema.Value, ProviderDescriptors.OpenAIName) ? Native : Instructed,
            _ => Native,
        };
    }
}
