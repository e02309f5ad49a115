namespace Batchata.Tests.Providers;

/// <summary>The provider descriptors: where keys and base URLs come from, and how requests are authorized.</summary>
public sealed class ProviderDescriptorTests
{
    private static EnvironmentSettings Env(Dictionary<string, string> values)
        => new(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), ".env"), name => values.GetValueOrDefault(name));

    [Fact]
    public void ApiKey_ConfiguredWins_ThenTheFirstVariableSet()
    {
        var env = Env(new() { ["GOOGLE_API_KEY"] = "g2", ["OPENAI_API_KEY"] = "o" });
        Assert.Equal("g2", ProviderDescriptors.Gemini.ApiKey(null, env));
        Assert.Equal("mine", ProviderDescriptors.Gemini.ApiKey("mine", env));
        Assert.Equal("o", ProviderDescriptors.OpenAI.ApiKey(null, env));
        Assert.Null(ProviderDescriptors.Anthropic.ApiKey(null, env));
    }

    [Fact]
    public void BaseUrl_ConfiguredThenVariableThenDefault_AlwaysWithASlash()
    {
        var env = Env(new() { ["OPENAI_BASE_URL"] = "http://127.0.0.1:5/v1" });
        Assert.Equal("http://127.0.0.1:5/v1/", ProviderDescriptors.OpenAI.BaseUrl(null, env).ToString());
        Assert.Equal("http://h/x/", ProviderDescriptors.OpenAI.BaseUrl(new Uri("http://h/x"), env).ToString());
        Assert.Equal("https://api.anthropic.com/", ProviderDescriptors.Anthropic.BaseUrl(null, env).ToString());
    }

    [Fact]
    public void MissingKeyMessage_NamesEveryVariableAndTheOption()
        => Assert.Equal(
            "No Gemini API key is configured: set GEMINI_API_KEY or GOOGLE_API_KEY (environment or .env), or GeminiOptions.ApiKey.",
            ProviderDescriptors.Gemini.MissingKeyMessage(nameof(GeminiOptions)));

    [Fact]
    public void Authorize_Anthropic_SendsTheConfiguredVersionAndTheChosenAuth()
    {
        using var plain = new HttpRequestMessage(HttpMethod.Get, "http://h/");
        ProviderDescriptors.Anthropic.Authorize(plain, "k");
        Assert.Equal(["k"], plain.Headers.GetValues("x-api-key"));
        Assert.Equal(["2023-06-01"], plain.Headers.GetValues("anthropic-version"));

        using var configured = new HttpRequestMessage(HttpMethod.Get, "http://h/");
        ProviderDescriptors.Anthropic.Authorize(configured, "k", ProviderAuth.Bearer, "2099-01-01");
        Assert.Equal("Bearer k", configured.Headers.Authorization?.ToString());
        Assert.Equal(["2099-01-01"], configured.Headers.GetValues("anthropic-version"));
        Assert.False(configured.Headers.Contains("x-api-key"));
    }

    [Fact]
    public void Authorize_OpenAIAndGemini_UseTheirOwnHeaders()
    {
        using var openAI = new HttpRequestMessage(HttpMethod.Get, "http://h/");
        ProviderDescriptors.OpenAI.Authorize(openAI, "k");
        Assert.Equal("Bearer k", openAI.Headers.Authorization?.ToString());

        using var gemini = new HttpRequestMessage(HttpMethod.Get, "http://h/");
        ProviderDescriptors.Gemini.Authorize(gemini, "k");
        Assert.Equal(["k"], gemini.Headers.GetValues("x-goog-api-key"));
        Assert.False(gemini.Headers.Contains("anthropic-version"));
    }

    [Fact]
    public void GeminiEndpoints_AllOfOneApiVersion_InTheDescriptor()
    {
        // Every Gemini endpoint (batches, models, named resources, media upload and download) is written here, so a
        // move from v1beta is one edit (https://ai.google.dev/gemini-api/docs/batch-mode).
        var gemini = ProviderDescriptors.Gemini;
        Assert.All(new[] { gemini.BatchesPath, gemini.ModelsPath, gemini.ResourcePath, gemini.UploadPath!, gemini.DownloadPath! },
            path => Assert.Contains("v1beta/", path + "/", StringComparison.Ordinal));
        Assert.Equal(("upload/v1beta/files", "download/v1beta/"), (gemini.UploadPath, gemini.DownloadPath));
    }

    [Fact]
    public void Find_KnowsEveryProviderByName()
    {
        Assert.All(ProviderDescriptors.All, d => Assert.Same(d, ProviderDescriptors.Find(d.Name)));
        Assert.Null(ProviderDescriptors.Find("mistral"));
    }
}
