using Spectre.Console;

namespace Batchata.Cli.Commands;

/// <summary><c>batchata models --refresh</c>: asks the providers' models endpoints and merges the answers into the override file.</summary>
internal static class ModelsRefresh
{
    public static async Task<int> RunAsync(CliIo io, string path, string? provider, CancellationToken cancellationToken)
    {
        var existing = File.Exists(path) ? ModelCatalog.FromJson(await File.ReadAllTextAsync(path, cancellationToken)) : null;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var refresher = new CatalogRefresher(new EnvironmentSettings(io.DotEnvPath), client, TimeProvider.System);
        var result = await refresher.RefreshAsync(ModelCatalog.Default, existing, cancellationToken, provider);

        foreach (var p in result.Providers)
        {
            io.Console.WriteLine($"{p.Provider}: {p.Status} ({p.Message})");
            if (p.Failed)
            {
                await io.Err.WriteLineAsync($"error: {p.Provider}: {p.Message}");
            }
        }

        if (!result.Providers.Any(p => p.Refreshed))
        {
            await io.Err.WriteLineAsync(result.Providers.Any(p => p.Failed)
                ? "error: every configured provider failed; the catalog override was not written."
                : $"error: no provider has an API key (set {string.Join(", ", ProviderDescriptors.All.Select(p => p.KeyVariables[0]))}); nothing was refreshed.");
            return ExitCodes.JobsFailed;
        }

        CatalogLocation.WriteAtomically(path, result.Overrides.ToJson());
        if (result.Changes.Count == 0)
        {
            io.Console.WriteLine($"No changes; {path} is up to date.");
            return ExitCodes.Success;
        }

        io.Console.WriteLine($"{result.Changes.Count} change(s) written to {path}:");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Change").AddColumn("Provider").AddColumn("Model").AddColumn("Details");
        foreach (var c in result.Changes)
        {
            table.AddRow(c.Kind.ToString().ToLowerInvariant(), c.Provider, Markup.Escape(c.ModelId), Markup.Escape(c.Detail));
        }

        io.Console.Write(table);
        return ExitCodes.Success;
    }
}
