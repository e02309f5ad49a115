using System.Text.Json;

namespace Batchata;

/// <summary>
/// The schema sent in <c>response_format.json_schema.schema</c>: <see cref="ProviderSchemas.ForOpenAI"/>, remembered per
/// thread for the last schema seen, since a run usually shares one schema across all its jobs.
/// </summary>
internal static class OpenAISchema
{
    [ThreadStatic]
    private static string? t_lastRaw;

    [ThreadStatic]
    private static JsonElement t_lastConverted;

    /// <summary>Returns the schema to send for OpenAI strict mode.</summary>
    public static JsonElement Convert(JsonElement schema)
    {
        var raw = schema.GetRawText();
        if (raw != t_lastRaw)
        {
            t_lastConverted = ProviderSchemas.ForOpenAI(schema);
            t_lastRaw = raw;
        }
        return t_lastConverted;
    }
}
