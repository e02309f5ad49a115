using System.Text.Json;
using Batchata.Emulator;

namespace Batchata.IntegrationTests.Cli;

/// <summary><c>batchata models --refresh</c> against the emulator's models endpoints, and runs that use the refreshed override.</summary>
public sealed class CliModelsRefreshTests
{
    [Fact]
    public async Task Refresh_WritesOverride_ReportsNewAndDeprecated_AndRunUsesNewModel()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new EmulatorOptions();
        await using var emulator = await BatchEmulator.StartAsync(options, ct);
        using var dir = new TempDir();
        var dotEnv = WriteDotEnv(dir, emulator, openAIKey: emulator.ApiKey, geminiKey: emulator.ApiKey);
        var catalog = Path.Combine(dir.Path, "tmp", "models.json");

        var first = await CliRunner.RunAsync(dotEnv, ct, "models", "--refresh", "--catalog", catalog);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(File.Exists(catalog));
        Assert.Contains("anthropic: refreshed", first.Console, StringComparison.Ordinal);
        Assert.Contains("openai: refreshed", first.Console, StringComparison.Ordinal);
        Assert.Contains("gemini: refreshed", first.Console, StringComparison.Ordinal);
        Assert.Contains("No changes", first.Console, StringComparison.Ordinal);
        Assert.Empty(ModelCatalog.FromJson(File.ReadAllText(catalog)).Models);

        options.Models.Add(new EmulatedModel { Id = "claude-opus-6", Provider = "anthropic", DisplayName = "Claude Opus 6", MaxInputTokens = 2_000_000, MaxOutputTokens = 256_000 });
        var haiku = options.Models.Single(m => m.Id == "claude-haiku-5-5");
        haiku.Lifecycle = "deprecated";
        haiku.DeprecatedAt = new DateOnly(2026, 11, 28);
        haiku.RetiresAt = new DateOnly(2027, 6, 1);

        var second = await CliRunner.RunAsync(dotEnv, ct, "models", "--refresh", "--catalog", catalog);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("2 change(s)", second.Console, StringComparison.Ordinal);
        var lines = second.Console.Split('\n');
        Assert.Contains(lines, l => l.Contains("new", StringComparison.Ordinal) && l.Contains("claude-opus-6", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("deprecated", StringComparison.Ordinal) && l.Contains("claude-haiku-5-5", StringComparison.Ordinal));
        Assert.Contains("price unknown", second.Console, StringComparison.Ordinal);
        var written = ModelCatalog.FromJson(File.ReadAllText(catalog));
        Assert.Equal(["claude-haiku-5-5", "claude-opus-6"], written.Models.Select(m => m.Id).Order(StringComparer.Ordinal));
        var opus6 = written.Models.Single(m => m.Id == "claude-opus-6");
        Assert.Equal(2_000_000, opus6.ContextWindow);
        Assert.Equal(256_000, opus6.MaxOutputTokens);
        Assert.Equal(0m, opus6.Pricing.Input);
        Assert.Contains("price unknown", opus6.Notes, StringComparison.Ordinal);
        var deprecated = written.Models.Single(m => m.Id == "claude-haiku-5-5");
        Assert.Equal(ModelLifecycle.Deprecated, deprecated.Lifecycle);
        Assert.Equal(new DateOnly(2027, 6, 1), deprecated.RetiresOn);
        Assert.Equal(ModelCatalog.Default.Models.Single(m => m.Id == "claude-haiku-5-5").Pricing.BatchInput, deprecated.Pricing.BatchInput);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(catalog)!, "*.tmp"));

        var third = await CliRunner.RunAsync(dotEnv, ct, "models", "--refresh", "--catalog", catalog);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("No changes", third.Console, StringComparison.Ordinal);

        var listed = await CliRunner.RunAsync(dotEnv, ct, "models", "--catalog", catalog, "--provider", "anthropic", "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        using (var doc = JsonDocument.Parse(listed.Stdout))
        {
            Assert.Contains(doc.RootElement.EnumerateArray(), m => m.GetProperty("id").GetString() == "claude-opus-6");
        }

        var jobs = CliRunner.WriteJobs(dir, """{"id":"new-model","prompt":"Say hello to the new model.","model":"claude-opus-6","max_tokens":64}""");
        var run = await CliRunner.RunAsync(dotEnv, ct, "run", jobs, "--results-dir", dir.Results, "--poll-interval", "100ms", "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(emulator.CreatedBatches);
        Assert.True(File.Exists(Path.Combine(dir.Results, "new-model.json")));
    }

    [Fact]
    public async Task Refresh_OneProviderFails_OthersStillMerge_AndKeysNeverPrinted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: ct);
        using var dir = new TempDir();
        var dotEnv = WriteDotEnv(dir, emulator, openAIKey: "sk-wrong-secret-123", geminiKey: null);
        var catalog = Path.Combine(dir.Path, "models.json");

        var result = await CliRunner.RunAsync(dotEnv, ct, "models", "--refresh", "--catalog", catalog);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("anthropic: refreshed", result.Console, StringComparison.Ordinal);
        Assert.Contains("openai: failed", result.Console, StringComparison.Ordinal);
        Assert.Contains("401", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("gemini: skipped", result.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-secret-123", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiKey, result.All, StringComparison.Ordinal);
        Assert.True(File.Exists(catalog));
    }

    [Fact]
    public async Task Refresh_OneProvider_AsksOnlyThatProvider()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: ct);
        using var dir = new TempDir();
        var dotEnv = WriteDotEnv(dir, emulator, openAIKey: emulator.ApiKey, geminiKey: emulator.ApiKey);
        var catalog = Path.Combine(dir.Path, "models.json");

        var result = await CliRunner.RunAsync(dotEnv, ct, "models", "--refresh", "--provider", "gemini", "--catalog", catalog);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("gemini: refreshed (5 models)", result.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("anthropic:", result.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("openai:", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_EveryConfiguredProviderFails_Exit1_NothingWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: ct);
        using var dir = new TempDir();
        var dotEnv = Path.Combine(dir.Path, ".env");
        File.WriteAllLines(dotEnv, [$"ANTHROPIC_BASE_URL={emulator.AnthropicBaseUrl}", "ANTHROPIC_API_KEY=wrong-key"]);
        var catalog = Path.Combine(dir.Path, "models.json");

        var result = await CliRunner.RunAsync(dotEnv, ct, "models", "--refresh", "--catalog", catalog);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("anthropic: failed", result.Console, StringComparison.Ordinal);
        Assert.False(File.Exists(catalog));
    }

    [Fact]
    public async Task Run_CatalogFileMissing_IsInvalidInput()
    {
        using var dir = new TempDir();
        var jobs = CliRunner.WriteJobs(dir, CliRunner.SmallJobs[0]);

        var result = await CliRunner.RunAsync(CliRunner.EmulatedRun(jobs, dir.Results, "--catalog", Path.Combine(dir.Path, "missing.json")));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("missing.json", result.Stderr, StringComparison.Ordinal);
    }

    private static string WriteDotEnv(TempDir dir, BatchEmulator emulator, string? openAIKey, string? geminiKey)
    {
        var path = Path.Combine(dir.Path, ".env");
        var lines = new List<string> { $"ANTHROPIC_BASE_URL={emulator.AnthropicBaseUrl}", $"ANTHROPIC_API_KEY={emulator.ApiKey}", $"OPENAI_BASE_URL={emulator.OpenAIBaseUrl}", $"GEMINI_BASE_URL={emulator.GeminiBaseUrl}" };
        if (openAIKey is not null)
        {
            lines.Add($"OPENAI_API_KEY={openAIKey}");
        }

        if (geminiKey is not null)
        {
            lines.Add($"GEMINI_API_KEY={geminiKey}");
        }

        File.WriteAllLines(path, lines);
        return path;
    }
}
