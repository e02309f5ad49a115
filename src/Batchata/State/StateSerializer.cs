using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Batchata;

/// <summary>JSON for job definitions inside the state store.</summary>
internal static class StateSerializer
{
    private static readonly JsonSerializerOptions Options = CreateOptions();
    private static readonly JsonTypeInfo<JobRequest> Job = (JsonTypeInfo<JobRequest>)Options.GetTypeInfo(typeof(JobRequest));
    private static readonly JsonTypeInfo<IReadOnlyList<string>> Ids = (JsonTypeInfo<IReadOnlyList<string>>)Options.GetTypeInfo(typeof(IReadOnlyList<string>));
    private static readonly JsonTypeInfo<List<string>> IdList = (JsonTypeInfo<List<string>>)Options.GetTypeInfo(typeof(List<string>));

    public static string Serialize(JobRequest job) => JsonSerializer.Serialize(job, Job);

    public static JobRequest Deserialize(string json)
        => JsonSerializer.Deserialize(json, Job) ?? throw new JsonException("null job definition");

    /// <summary>Writes the job's JSON (one line, no trailing newline) to a stream.</summary>
    public static void Serialize(Stream stream, JobRequest job) => JsonSerializer.Serialize(stream, job, Job);

    public static string SerializeIds(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids, Ids);

    public static IReadOnlyList<string> DeserializeIds(string json)
        => JsonSerializer.Deserialize(json, IdList) ?? [];

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = BatchataJsonContext.Default,
        };
        BatchataJsonContext.AddSnakeCaseEnums(options.Converters);
        options.MakeReadOnly();
        return options;
    }
}
