using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>The serializer options Batchata uses for user types (schemas and parsed answers) and result files.</summary>
internal static class JsonDefaults
{
    /// <summary>Options for user response types: string enums, respect nullable annotations, camelCase-insensitive reads.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Options for result files: indented, string enums in snake_case, relaxed escaping.</summary>
    public static JsonSerializerOptions ResultFile { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNameCaseInsensitive = true,
            RespectNullableAnnotations = true,
            Converters = { new JsonStringEnumConverter() },
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
