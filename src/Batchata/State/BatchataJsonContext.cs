using System.Text.Json;
using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>
/// Source-generated JSON metadata for Batchata's own types (job definitions, result files, the model catalog, job
/// fingerprints), so that they are serialized without reflection: the library is trimming and native AOT safe.
/// Each options set (<see cref="StateSerializer"/>, <see cref="JsonDefaults.ResultFile"/>, ...) uses it as its
/// resolver with its own settings. Only users' response types (<c>AddJob&lt;T&gt;</c>, <c>GetParsed&lt;T&gt;</c>) need reflection.
/// </summary>
[JsonSerializable(typeof(JobRequest))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(JobResult))]
[JsonSerializable(typeof(ModelCatalogFile))]
[JsonSerializable(typeof(List<ModelInfo>))]
[JsonSerializable(typeof(JobFingerprint.Canonical))]
internal sealed partial class BatchataJsonContext : JsonSerializerContext
{
    /// <summary>Adds string converters in snake_case for the enums in Batchata's files (generic: no runtime code generation).</summary>
    public static void AddSnakeCaseEnums(IList<JsonConverter> converters)
    {
        var policy = JsonNamingPolicy.SnakeCaseLower;
        converters.Add(new JsonStringEnumConverter<JobStatus>(policy));
        converters.Add(new JsonStringEnumConverter<JobFailureKind>(policy));
        converters.Add(new JsonStringEnumConverter<JobFileKind>(policy));
        converters.Add(new JsonStringEnumConverter<JobPartKind>(policy));
        converters.Add(new JsonStringEnumConverter<ModelLifecycle>(policy));
    }
}
