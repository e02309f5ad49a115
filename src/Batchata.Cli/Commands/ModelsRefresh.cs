using Spectre.Console;

namespace Batchata.Cli.Commands;

/// <summary><c>batchata models --refresh</c>: asks the providers' models endpoints and merges the answers into the override file.</summary>
internal static class ModelsRefresh
{
    public static async Task<int> RunAsync(CliIo io, string path, string? provider, CancellationToken cancellationToken)
    {
        var existing = File.Exists(path) ? ModelCatalog.FromJson(await File.ReadAllTextAsync(path, cancellationToken)) : null;
        var result = await ModelCatalog.RefreshAsync(existing, provider, io.DotEnvPath, cancellationToken);

        foreach (var p in result.Providers)
        {
            io.Console.WriteLine($"{p.Provider}: {p.Status.ToString().ToLowerInvariant()} ({p.Message})");
            if (p.Status == ProviderRefreshStatus.Failed)
            {
                await io.Err.WriteLineAsync($"error: {p.Provider}: {p.Message}");
            }
        }

        if (!result.Providers.Any(p => p.Status == ProviderRefreshStatus.Refreshed))
        {
            await io.Err.WriteLineAsync(result.Providers.Any(p => p.Status == ProviderRefreshStatus.Failed)
                ? "error: every configured provider failed; the catalog override was not written."
                : $"error: no provider has an API key (set {string.Join(", ", ProviderInfo.All.Select(p => p.KeyVariables[0]))}); nothing was refreshed.");
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
