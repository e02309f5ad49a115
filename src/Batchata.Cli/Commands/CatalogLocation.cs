namespace Batchata.Cli.Commands;

/// <summary>
/// Where the user's model catalog override lives: <c>--catalog FILE</c>, else the <c>BATCHATA_CATALOG</c>
/// variable (environment or .env), else <c>~/.batchata/models.json</c>.
/// </summary>
internal static class CatalogLocation
{
    /// <summary>The path of the override file.</summary>
    public static string Resolve(string? option, CliIo io)
        => option ?? ModelCatalog.UserOverridePath(io.DotEnvPath);

    /// <summary>
    /// The embedded catalog with the override applied when the file exists. A file named with <c>--catalog</c>
    /// must exist; the default location and <c>BATCHATA_CATALOG</c> may be absent.
    /// </summary>
    public static ModelCatalog Load(string? option, CliIo io)
    {
        var path = Resolve(option, io);
        return option is null && !File.Exists(path) ? ModelCatalog.Default : ModelCatalog.Default.WithOverridesFromFile(path);
    }

    /// <summary>Writes <paramref name="json"/> to <paramref name="path"/> atomically: a temporary file in the same folder, then a rename.</summary>
    public static void WriteAtomically(string path, string json)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, json + Environment.NewLine);
        File.Move(temp, full, overwrite: true);
    }
}
