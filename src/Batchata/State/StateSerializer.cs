using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Batchata;

/// <summary>JSON for job definitions inside the state store.</summary>
internal static class StateSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static string Serialize(JobRequest job) => JsonSerializer.Serialize(job, Options);

    public static JobRequest Deserialize(string json)
        => JsonSerializer.Deserialize<JobRequest>(json, Options) ?? throw new JsonException("null job definition");

    /// <summary>Writes the job's JSON (one line, no trailing newline) to a stream.</summary>
    public static void Serialize(Stream stream, JobRequest job) => JsonSerializer.Serialize(stream, job, Options);

    public static string SerializeIds(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids, Options);

    public static IReadOnlyList<string> DeserializeIds(string json)
        => JsonSerializer.Deserialize<List<string>>(json, Options) ?? [];
}
