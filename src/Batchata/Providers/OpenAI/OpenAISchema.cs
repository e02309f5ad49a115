using System.Text.Json;

namespace Batchata;

/// <summary>
/// The schema sent in <c>response_format.json_schema.schema</c>. The provider-neutral schema is already an object
/// root; the strict-mode rewrite (<c>ProviderSchemas.ForOpenAI</c>, structured branch) is applied here once merged.
/// </summary>
internal static class OpenAISchema
{
    /// <summary>Returns the schema to send for OpenAI strict mode.</summary>
    public static JsonElement Convert(JsonElement schema) => schema;
}
