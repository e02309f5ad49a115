namespace Batchata.Tests.Cost;

/// <summary>Where the user's catalog override lives, and the refresh's argument check (the refresh itself is tested against the emulator).</summary>
public sealed class ModelCatalogOverrideTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"));

    public ModelCatalogOverrideTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public void UserOverridePath_FromTheDotEnvVariable_ElseTheHomeFile()
    {
        var named = Path.Combine(_dir, "named.env");
        File.WriteAllText(named, $"{ModelCatalog.OverrideVariable}={Path.Combine(_dir, "mine.json")}\n");
        var empty = Path.Combine(_dir, "empty.env");
        File.WriteAllText(empty, "");

        if (Environment.GetEnvironmentVariable(ModelCatalog.OverrideVariable) is null)
        {
            Assert.Equal(Path.Combine(_dir, "mine.json"), ModelCatalog.UserOverridePath(named));
            Assert.EndsWith(Path.Combine(".batchata", "models.json"), ModelCatalog.UserOverridePath(empty), StringComparison.Ordinal);
        }
        else
        {
            // The environment wins over .env, as for keys.
            Assert.Equal(Environment.GetEnvironmentVariable(ModelCatalog.OverrideVariable), ModelCatalog.UserOverridePath(named));
        }
    }

    [Fact]
    public async Task RefreshAsync_UnknownProvider_ThrowsBeforeAskingAnything()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ModelCatalog.RefreshAsync(provider: "acme", dotEnvPath: Path.Combine(_dir, "none.env")));
        Assert.Contains("anthropic, openai, gemini", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
