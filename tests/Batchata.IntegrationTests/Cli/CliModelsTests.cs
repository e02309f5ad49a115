using System.Text.Json;
using Batchata.Cli;

namespace Batchata.IntegrationTests.Cli;

/// <summary><c>batchata models</c> and the small parsers of the CLI.</summary>
public sealed class CliModelsTests
{
    [Fact]
    public async Task Models_Table_ListsCatalogWithPrices()
    {
        var result = await CliRunner.RunAsync("models");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("claude-haiku-5-5", result.Console, StringComparison.Ordinal);
        Assert.Contains("Batch in", result.Console, StringComparison.Ordinal);
        Assert.Contains($"{ModelCatalog.Default.Models.Count} models", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_JsonForOneProvider_HasOnlyThatProvider()
    {
        var result = await CliRunner.RunAsync("models", "--provider", "anthropic", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.NotEmpty(doc.RootElement.EnumerateArray());
        Assert.All(doc.RootElement.EnumerateArray(), m => Assert.Equal("anthropic", m.GetProperty("provider").GetString()));
        Assert.True(doc.RootElement[0].GetProperty("pricing").GetProperty("batch_input").GetDecimal() >= 0);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("45", 45)]
    [InlineData("500ms", 0.5)]
    public void Duration_Parses(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10 minutes")]
    [InlineData("m10")]
    public void Duration_RejectsGarbage(string text) => Assert.False(Duration.TryParse(text, out _));
}
