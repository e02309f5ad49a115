using System.Text.Encodings.Web;
using System.Text.Json;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Batchata;

/// <summary>The serializer options Batchata uses for user types (schemas and parsed answers) and result files.</summary>
internal static class JsonDefaults
{
    /// <summary>Options for user response types: string enums, respect nullable annotations, camelCase-insensitive reads.</summary>
    public static JsonSerializerOptions Options
    {
        [RequiresUnreferencedCode(UserTypes.Message)]
        [RequiresDynamicCode(UserTypes.Message)]
        get => UserOptions.Value;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only reached through Options, which carries the requirement.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only reached through Options, which carries the requirement.")]
    private static readonly Lazy<JsonSerializerOptions> UserOptions = new(CreateOptions);

    /// <summary>Options for result files: indented, string enums in snake_case, relaxed escaping (Batchata's own types only).</summary>
    public static JsonSerializerOptions ResultFile { get; } = CreateResultFileOptions();

    /// <summary>The metadata of a result file.</summary>
    public static JsonTypeInfo<JobResult> ResultFileInfo { get; } = (JsonTypeInfo<JobResult>)ResultFile.GetTypeInfo(typeof(JobResult));

    private static JsonSerializerOptions CreateResultFileOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = BatchataJsonContext.Default,
        };
        BatchataJsonContext.AddSnakeCaseEnums(options.Converters);
        options.MakeReadOnly();
        return options;
    }

    [RequiresUnreferencedCode(UserTypes.Message)]
    [RequiresDynamicCode(UserTypes.Message)]
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
