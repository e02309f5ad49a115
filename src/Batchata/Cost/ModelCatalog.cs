using System.Globalization;
using System.Text.Json;

namespace Batchata;

/// <summary>
/// The known models of all providers: ids, aliases, lifecycle, prices, limits and capabilities. The
/// <see cref="Default"/> catalog is embedded in the library (<c>models.json</c>); users add or replace
/// models with an override file of the same format (<see cref="WithOverridesFromFile"/>).
/// </summary>
public sealed partial class ModelCatalog
{
    private static readonly Lazy<ModelCatalog> DefaultCatalog = new(LoadEmbedded);

    private readonly Dictionary<string, ModelInfo> byName;

    private ModelCatalog(IReadOnlyList<ModelInfo> models, int schemaVersion, DateOnly? catalogDate)
    {
        Models = models;
        SchemaVersion = schemaVersion;
        CatalogDate = catalogDate;
        byName = new Dictionary<string, ModelInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            byName[model.Id] = model;
        }

        // Aliases never hide a canonical id.
        foreach (var model in models)
        {
            foreach (var alias in model.Aliases)
            {
                byName.TryAdd(alias, model);
            }
        }
    }

    /// <summary>Gets the catalog embedded in the library, loaded once.</summary>
    public static ModelCatalog Default => DefaultCatalog.Value;

    /// <summary>Gets every model, in file order.</summary>
    public IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>Gets the schema version of the source file.</summary>
    public int SchemaVersion { get; }

    /// <summary>Gets the date the catalog facts were collected, if the file says.</summary>
    public DateOnly? CatalogDate { get; }

    /// <summary>Parses a catalog from JSON (<c>{"schema_version":1,"catalog_date":"...","models":[...]}</c>).</summary>
    /// <param name="json">The catalog JSON.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="BatchValidationException">The JSON is not a valid catalog.</exception>
    public static ModelCatalog FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelCatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ModelCatalogFile>)ModelCatalogFile.Options.GetTypeInfo(typeof(ModelCatalogFile)));
        }
        catch (JsonException ex)
        {
            throw new BatchValidationException($"The model catalog is not valid JSON: {ex.Message}", ex);
        }

        if (file is null)
        {
            throw new BatchValidationException("The model catalog is empty.");
        }

        if (file.SchemaVersion > ModelCatalogFile.CurrentSchemaVersion)
        {
            throw new BatchValidationException(
                $"The model catalog has schema_version {file.SchemaVersion}; this Batchata reads up to {ModelCatalogFile.CurrentSchemaVersion}. Update Batchata.");
        }

        foreach (var model in file.Models)
        {
            if (string.IsNullOrWhiteSpace(model.Id) || string.IsNullOrWhiteSpace(model.Provider))
            {
                throw new BatchValidationException("Every model of the catalog needs an 'id' and a 'provider'.");
            }
        }

        return new ModelCatalog(file.Models, file.SchemaVersion, file.CatalogDate);
    }

    /// <summary>Creates a catalog of <paramref name="models"/> (used to build override catalogs).</summary>
    internal static ModelCatalog FromModels(IReadOnlyList<ModelInfo> models, DateOnly? catalogDate)
        => new(models, ModelCatalogFile.CurrentSchemaVersion, catalogDate);

    /// <summary>Returns a catalog where the models of <paramref name="overrides"/> replace models with the same id, and new ones are added.</summary>
    /// <param name="overrides">The models to add or replace.</param>
    /// <returns>The combined catalog; this one is unchanged.</returns>
    public ModelCatalog WithOverrides(ModelCatalog overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var replaced = new HashSet<string>(overrides.Models.Select(m => m.Id), StringComparer.OrdinalIgnoreCase);
        var merged = Models.Where(m => !replaced.Contains(m.Id)).Concat(overrides.Models).ToList();
        return new ModelCatalog(merged, SchemaVersion, overrides.CatalogDate ?? CatalogDate);
    }

    /// <summary>Reads an override file (same format as the embedded catalog) and applies it with <see cref="WithOverrides"/>.</summary>
    /// <param name="path">The path of the override file.</param>
    /// <returns>The combined catalog.</returns>
    /// <exception cref="BatchValidationException">The file is missing or not a valid catalog.</exception>
    public ModelCatalog WithOverridesFromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new BatchValidationException($"The model catalog override file '{path}' does not exist.");
        }

        return WithOverrides(FromJson(File.ReadAllText(path)));
    }

    /// <summary>Serializes the catalog in the file format, e.g. to write an override file.</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson()
    {
        var file = new ModelCatalogFile { SchemaVersion = SchemaVersion, CatalogDate = CatalogDate, Models = Models };
        return JsonSerializer.Serialize(file, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ModelCatalogFile>)ModelCatalogFile.Options.GetTypeInfo(typeof(ModelCatalogFile)));
    }

    /// <summary>Finds a model by id or alias, ignoring case.</summary>
    /// <param name="idOrAlias">The model id or alias.</param>
    /// <param name="model">The model, when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(string idOrAlias, out ModelInfo model)
    {
        if (idOrAlias is not null && byName.TryGetValue(idOrAlias.Trim(), out var found))
        {
            model = found;
            return true;
        }

        model = null!;
        return false;
    }

    /// <summary>Suggests known ids close to <paramref name="name"/> (prefix matches first, then by edit distance).</summary>
    /// <param name="name">The unknown name.</param>
    /// <param name="max">The most suggestions to return.</param>
    /// <returns>Canonical ids, best first; retired models only when nothing else is close.</returns>
    public IReadOnlyList<string> Suggest(string name, int max = 3) => ModelNameSuggester.Suggest(Models, name, max);

    /// <summary>
    /// Resolves a model for a new job: unknown names throw with suggestions, retired models (or models whose
    /// retirement date has passed) throw naming the replacement, deprecated and preview models return a warning.
    /// </summary>
    /// <param name="idOrAlias">The model id or alias.</param>
    /// <param name="today">Today's date (UTC), to compare with retirement dates.</param>
    /// <param name="warning">A warning for deprecated or preview models, else null.</param>
    /// <returns>The model.</returns>
    /// <exception cref="BatchValidationException">The model is not in the catalog (the message suggests close ids) or is retired.</exception>
    public ModelInfo Resolve(string idOrAlias, DateOnly today, out string? warning) => Resolve(idOrAlias, today, null, out warning);

    /// <summary>Resolves a model for the job <paramref name="jobId"/>, whose errors name it.</summary>
    internal ModelInfo Resolve(string idOrAlias, DateOnly today, string? jobId, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(idOrAlias);
        if (!TryGet(idOrAlias, out var model))
        {
            var suggestions = Suggest(idOrAlias);
            var close = suggestions.Count == 0 ? string.Empty : $" Did you mean: {string.Join(", ", suggestions)}?";
            throw new BatchValidationException(jobId, $"Unknown model '{idOrAlias}': no provider serves it.{close} Check the spelling ('batchata models' lists the known models); a model newer than this catalog can be added with 'batchata models --refresh' or a catalog override (~/.batchata/models.json).");
        }

        var use = model.Replacement is null ? string.Empty : $"; use '{model.Replacement}' instead";
        if (model.Lifecycle == ModelLifecycle.Retired || (model.RetiresOn is { } r && r <= today))
        {
            var when = model.RetiresOn is { } d ? $" on {Format(d)}" : string.Empty;
            var hint = model.Replacement is null && model.Notes is not null ? $" ({model.Notes})" : string.Empty;
            throw new BatchValidationException(jobId, $"Model '{idOrAlias}' was retired{when}{use}.{hint}");
        }

        warning = model.Lifecycle switch
        {
            ModelLifecycle.Deprecated => model.RetiresOn is { } d
                ? $"Model '{idOrAlias}' is deprecated and retires on {Format(d)}{Use(model)}."
                : $"Model '{idOrAlias}' is deprecated (retirement date not announced){Use(model)}.",
            ModelLifecycle.Preview => $"Model '{idOrAlias}' is a preview model and may change or go at short notice{Use(model)}.",
            _ when model.RetiresOn is { } d => $"Model '{idOrAlias}' retires on {Format(d)}{Use(model)}.",
            _ => null,
        };
        return model;
    }

    private static string Use(ModelInfo model) => model.Replacement is null ? string.Empty : $"; use '{model.Replacement}'";

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ModelCatalog LoadEmbedded()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream("Batchata.models.json")
            ?? throw new InvalidOperationException("The embedded model catalog 'Batchata.models.json' is missing.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }
}
