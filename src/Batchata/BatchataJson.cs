using System.Text.Json;

namespace Batchata;

/// <summary>The JSON form of Batchata's own types, for programs that read or write them next to Batchata.</summary>
public static class BatchataJson
{
    /// <summary>
    /// Gets the read-only serializer options of Batchata's result files and catalog listings: indented, enums in
    /// snake_case, relaxed escaping, source-generated metadata for Batchata's own types (<see cref="JobResult"/>,
    /// <see cref="ModelInfo"/>, <see cref="Citation"/>, ...). Reading a result file with them gives what
    /// <see cref="BatchResults.Load"/> gives; they do not serialize other types.
    /// </summary>
    public static JsonSerializerOptions Options => JsonDefaults.ResultFile;
}
