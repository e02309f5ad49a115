using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Batchata.Cli.Commands;

/// <summary><c>batchata models</c>: the model catalog with standard and batch prices, lifecycle and capabilities.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliIo io)
    {
        var provider = new Option<string?>("--provider", "-p") { Description = "Only this provider's models (with --refresh: refresh only this provider)." };
        provider.AcceptOnlyFromAmong([.. ProviderInfo.All.Select(p => p.Name)]);
        var json = new Option<bool>("--json") { Description = "Print the models as JSON on stdout." };
        var refresh = new Option<bool>("--refresh") { Description = "Ask each configured provider's models endpoint and merge the answers (new, deprecated, retired models; limits) into the catalog override file." };
        var catalog = new Option<string?>("--catalog") { Description = "The catalog override file (default: $BATCHATA_CATALOG, else ~/.batchata/models.json)." };
        var command = new Command("models", "List the known models: prices per million tokens (standard and batch), lifecycle and capabilities.") { provider, json, refresh, catalog };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(refresh))
            {
                return await ModelsRefresh.RunAsync(io, CatalogLocation.Resolve(result.GetValue(catalog), io), result.GetValue(provider), cancellationToken);
            }

            var wanted = result.GetValue(provider);
            var models = new List<ModelInfo>();
            foreach (var model in CatalogLocation.Load(result.GetValue(catalog), io).Models)
            {
                if (wanted is null || string.Equals(model.Provider, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    models.Add(model);
                }
            }

            models = models.OrderBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.Lifecycle).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
            if (result.GetValue(json))
            {
                io.Out.WriteLine(JsonSerializer.Serialize(models, BatchataJson.Options));
            }
            else
            {
                Write(io.Console, models);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, List<ModelInfo> models)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Model").AddColumn("Provider").AddColumn("Lifecycle")
            .AddColumn(new TableColumn("Input").RightAligned()).AddColumn(new TableColumn("Output").RightAligned())
            .AddColumn(new TableColumn("Batch in").RightAligned()).AddColumn(new TableColumn("Batch out").RightAligned())
            .AddColumn(new TableColumn("Context").RightAligned()).AddColumn(new TableColumn("Max out").RightAligned())
            .AddColumn("Capabilities");
        foreach (var m in models)
        {
            var p = m.Pricing;
            table.AddRow(
                Markup.Escape(m.Id), Markup.Escape(m.Provider), Lifecycle(m),
                Price(p.Input), Price(p.Output), Price(p.BatchInput), Price(p.BatchOutput),
                Tokens(m.ContextWindow), Tokens(m.MaxOutputTokens), Capabilities(m.Capabilities));
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{models.Count} models; prices in USD per million tokens. Batch prices are what Batchata pays."));
    }

    private static string Lifecycle(ModelInfo m)
    {
        var name = m.Lifecycle.ToString().ToLowerInvariant();
        return m.Lifecycle switch
        {
            ModelLifecycle.Retired => $"[red]{name}[/]{Replacement(m)}",
            ModelLifecycle.Deprecated => $"[yellow]{name}[/]{(m.RetiresOn is { } d ? string.Create(CultureInfo.InvariantCulture, $" until {d:yyyy-MM-dd}") : "")}{Replacement(m)}",
            ModelLifecycle.Preview => $"[blue]{name}[/]",
            ModelLifecycle.Legacy => $"[grey]{name}[/]",
            _ => $"[green]{name}[/]",
        };
    }

    private static string Replacement(ModelInfo m) => m.Replacement is null ? "" : $" → {Markup.Escape(m.Replacement)}";

    private static string Price(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Tokens(long value) => value switch
    {
        0 => "",
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{value / 1_000_000m:0.##}M"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value / 1000m:0.#}K"),
    };

    private static string Capabilities(ModelCapabilities c)
    {
        var list = new List<string>();
        if (c.Vision) { list.Add("vision"); }
        if (c.Pdf) { list.Add("pdf"); }
        if (c.Citations) { list.Add("citations"); }
        if (c.StructuredOutput) { list.Add("structured"); }
        if (c.Reasoning) { list.Add("reasoning"); }
        if (!c.Temperature) { list.Add("no-temp"); }
        return string.Join(", ", list);
    }
}
