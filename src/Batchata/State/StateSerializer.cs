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

    public static byte[] SerializeToUtf8(JobRequest job) => JsonSerializer.SerializeToUtf8Bytes(job, Options);

    public static JobRequest Deserialize(ReadOnlySpan<byte> utf8)
        => JsonSerializer.Deserialize<JobRequest>(utf8, Options) ?? throw new JsonException("null job definition");

    public static string SerializeIds(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids, Options);

    public static IReadOnlyList<string> DeserializeIds(string json)
        => JsonSerializer.Deserialize<List<string>>(json, Options) ?? [];
}
