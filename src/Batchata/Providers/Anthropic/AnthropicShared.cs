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

    /// <summary>The provider-neutral JSON schema in the form Anthropic accepts (from <see cref="SchemaCache"/>).</summary>
    public static JsonElement Schema(JsonElement schema) => SchemaCache.Wire(schema, ProviderDescriptors.AnthropicName);

    /// <summary>Parses one Anthropic citation object.</summary>
    public static Citation Citation(JsonElement citation) => CitationParser.FromAnthropic(citation);
}
