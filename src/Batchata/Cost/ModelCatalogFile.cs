using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Batchata;

/// <summary>The on-disk shape of a catalog file (the embedded <c>models.json</c> and user override files).</summary>
internal sealed class ModelCatalogFile
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Serializer options for catalog files: snake_case string enums, indented, relaxed escaping.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Gets the schema version of the file.</summary>
    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>Gets the date the catalog facts were collected.</summary>
    [JsonPropertyName("catalog_date")] public DateOnly? CatalogDate { get; init; }

    /// <summary>Gets a free-form description of the source of the facts.</summary>
    [JsonPropertyName("source")] public string? Source { get; init; }

    /// <summary>Gets the models.</summary>
    [JsonPropertyName("models")] public IReadOnlyList<ModelInfo> Models { get; set; } = [];

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            WriteIndented = true,
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = BatchataJsonContext.Default,
        };
        BatchataJsonContext.AddSnakeCaseEnums(options.Converters);
        options.MakeReadOnly();
        return options;
    }
}
