using System.Text.Json;

namespace Batchata;

/// <summary>
/// The one place where the Anthropic provider calls pieces owned by other parts of Batchata (file loading,
/// schema transforms, citation parsing), so that those seams stay in a single small file.
/// </summary>
internal static class AnthropicShared
{
    /// <summary>Reads a job's input file into what a content block needs (once per request).</summary>
    public static LoadedFile LoadFile(JobFile file) => FileContentReader.Read(file);

    [ThreadStatic] private static (JsonElement Input, JsonElement Output)? t_lastSchema;

    /// <summary>
    /// Turns a provider-neutral JSON schema into the form Anthropic accepts. The jobs of a run usually share one
    /// schema, so the last transform of each thread is reused when the input is equal (compared without allocating).
    /// </summary>
    public static JsonElement Schema(JsonElement schema)
    {
        if (t_lastSchema is { } last && JsonElement.DeepEquals(last.Input, schema))
        {
            return last.Output;
        }

        var output = ProviderSchemas.ForAnthropic(schema);
        t_lastSchema = (schema.Clone(), output);
        return output;
    }

    /// <summary>Parses one Anthropic citation object.</summary>
    public static Citation Citation(JsonElement citation) => CitationParser.FromAnthropic(citation);
}
