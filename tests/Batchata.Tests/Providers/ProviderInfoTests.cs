namespace Batchata.Tests.Providers;

/// <summary>The public view of the provider descriptors that the CLI (and any program) uses.</summary>
public sealed class ProviderInfoTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"));

    public ProviderInfoTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public void All_AreTheDescriptorsInOrder()
    {
        Assert.Equal(ProviderDescriptors.All.Select(d => d.Name), ProviderInfo.All.Select(p => p.Name));
        Assert.Equal(ProviderDescriptors.All.Select(d => d.KeyVariables), ProviderInfo.All.Select(p => p.KeyVariables));
        Assert.Equal(ProviderDescriptors.All.Select(d => d.BaseUrlVariable), ProviderInfo.All.Select(p => p.BaseUrlVariable));
        Assert.Equal(new Uri("https://api.openai.com/v1/"), ProviderInfo.OpenAI.DefaultBaseUrl);
        Assert.Equal(["GEMINI_API_KEY", "GOOGLE_API_KEY"], ProviderInfo.Gemini.KeyVariables);
    }

    [Fact]
    public void Find_IgnoresCase_UnknownIsNull()
    {
        Assert.Same(ProviderInfo.Gemini, ProviderInfo.Find("Gemini"));
        Assert.Null(ProviderInfo.Find("acme"));
    }

    [Fact]
    public void HasApiKey_ReadsTheDotEnvFile()
    {
        var dotEnv = Path.Combine(_dir, ".env");
        File.WriteAllText(dotEnv, "GOOGLE_API_KEY=from-dot-env\n");

        // The second Gemini variable counts too.
        Assert.True(ProviderInfo.Gemini.HasApiKey(dotEnv));

        // Without the variable in the process environment, an empty .env means no key.
        if (Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") is null)
        {
            Assert.False(ProviderInfo.Anthropic.HasApiKey(dotEnv));
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
