using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

/// <summary>The models endpoints: Anthropic and OpenAI <c>GET /v1/models</c>, Gemini <c>GET /v1beta/models</c>.</summary>
public sealed class ModelsEndpointTests
{
    [Fact]
    public async Task Anthropic_List_HasLifecycleLimitsAndCapabilities()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);

        var (status, body) = await GetJsonAsync(http, "v1/models");

        Assert.Equal(200, status);
        var data = body!["data"]!.AsArray();
        Assert.All(data, m => Assert.Equal("model", m!["type"]!.GetValue<string>()));
        Assert.All(data, m => Assert.StartsWith("claude-", m!["id"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.False(body["has_more"]!.GetValue<bool>());
        Assert.Equal(data[0]!["id"]!.GetValue<string>(), body["first_id"]!.GetValue<string>());
        Assert.Equal(data[^1]!["id"]!.GetValue<string>(), body["last_id"]!.GetValue<string>());
        var sonnet45 = data.Single(m => m!["id"]!.GetValue<string>() == "claude-sonnet-4-5-20250929")!;
        Assert.Equal("deprecated", sonnet45["lifecycle"]!.GetValue<string>());
        Assert.Equal("2026-11-30", sonnet45["retires_at"]!.GetValue<string>());
        Assert.Equal(200_000, sonnet45["max_input_tokens"]!.GetValue<long>());
        Assert.Equal(64_000, sonnet45["max_tokens"]!.GetValue<int>());
        Assert.True(sonnet45["capabilities"]!["batch"]!.GetValue<bool>());
        Assert.True(sonnet45["capabilities"]!["structured_outputs"]!.GetValue<bool>());
        var haiku = data.Single(m => m!["id"]!.GetValue<string>() == "claude-haiku-5-5")!;
        Assert.Equal("active", haiku["lifecycle"]!.GetValue<string>());
        Assert.Null(haiku["retires_at"]);
    }

    [Fact]
    public async Task Anthropic_GetOne_AndWrongKey()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        using var wrong = AnthropicHttp(emulator, key: "nope");

        var (status, model) = await GetJsonAsync(http, "v1/models/claude-opus-5-5");
        var (missing, _) = await GetJsonAsync(http, "v1/models/claude-nothing");
        var (denied, error) = await GetJsonAsync(wrong, "v1/models");

        Assert.Equal(200, status);
        Assert.Equal("claude-opus-5-5", model!["id"]!.GetValue<string>());
        Assert.Equal(404, missing);
        Assert.Equal(401, denied);
        Assert.Equal("authentication_error", error!["error"]!["type"]!.GetValue<string>());
        Assert.DoesNotContain("nope", error.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_ListAndGet_ShutdownDateOnlyOnGet()
    {
        var options = new EmulatorOptions();
        options.Models.Add(new EmulatedModel { Id = "gpt-old", Provider = "openai", Lifecycle = "deprecated", RetiresAt = new DateOnly(2027, 3, 1) });
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        using var http = OpenAIHttp(emulator);

        var (status, list) = await GetJsonAsync(http, "models");
        var (_, old) = await GetJsonAsync(http, "models/gpt-old");
        var (_, current) = await GetJsonAsync(http, "models/gpt-6.2-sol");

        Assert.Equal(200, status);
        Assert.Equal("list", list!["object"]!.GetValue<string>());
        var data = list["data"]!.AsArray();
        Assert.Contains(data, m => m!["id"]!.GetValue<string>() == "gpt-old");
        Assert.All(data, m => Assert.Equal("model", m!["object"]!.GetValue<string>()));
        Assert.All(data, m => Assert.True(m!["created"]!.GetValue<long>() > 0));
        Assert.All(data, m => Assert.NotNull(m!["owned_by"]));
        Assert.All(data, m => Assert.False(m!.AsObject().ContainsKey("shutdown_date")));
        Assert.DoesNotContain(data, m => m!["id"]!.GetValue<string>().StartsWith("claude", StringComparison.Ordinal));
        Assert.Equal("2027-03-01", old!["shutdown_date"]!.GetValue<string>());
        Assert.True(current!.AsObject().ContainsKey("shutdown_date"));
        Assert.Null(current["shutdown_date"]);
    }

    [Fact]
    public async Task OpenAI_WrongKey_Is401()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator, key: "wrong");

        var (status, error) = await GetJsonAsync(http, "models");

        Assert.Equal(401, status);
        Assert.Equal("invalid_api_key", error!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gemini_List_HasLimitsAndMethods_AndChangesFollowOptions()
    {
        var options = new EmulatorOptions();
        await using var emulator = await BatchEmulator.StartAsync(options, Ct);
        using var http = GeminiHttp(emulator);
        using var wrong = GeminiHttp(emulator, key: "wrong");

        var (status, list) = await GetJsonAsync(http, "v1beta/models");
        options.Models.Add(new EmulatedModel { Id = "gemini-5-flash", Provider = "gemini", MaxInputTokens = 2_000_000, MaxOutputTokens = 100_000 });
        var (_, one) = await GetJsonAsync(http, "v1beta/models/gemini-5-flash");
        var (denied, _) = await GetJsonAsync(wrong, "v1beta/models");

        Assert.Equal(200, status);
        var flash = list!["models"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "models/gemini-3.8-flash")!;
        Assert.Equal(1_048_576, flash["inputTokenLimit"]!.GetValue<long>());
        Assert.Equal(65_536, flash["outputTokenLimit"]!.GetValue<int>());
        Assert.Equal(["generateContent", "batchGenerateContent"], flash["supportedGenerationMethods"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.NotNull(flash["displayName"]);
        Assert.Equal(2_000_000, one!["inputTokenLimit"]!.GetValue<long>());
        Assert.Equal(400, denied);
    }

    [Fact]
    public async Task ModelsFile_IsReadOnEveryRequest()
    {
        var file = Path.Combine(Path.GetTempPath(), $"emulator-models-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """[{"id":"claude-one","provider":"anthropic","max_input_tokens":500000}]""");
        try
        {
            await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ModelsFile = file }, Ct);
            using var http = AnthropicHttp(emulator);

            var (_, first) = await GetJsonAsync(http, "v1/models");
            File.WriteAllText(file, """[{"id":"claude-one","provider":"anthropic","lifecycle":"deprecated","retires_at":"2027-02-01"},{"id":"claude-two","provider":"anthropic"}]""");
            var (_, second) = await GetJsonAsync(http, "v1/models");

            var one = Assert.Single(first!["data"]!.AsArray())!;
            Assert.Equal(500_000, one["max_input_tokens"]!.GetValue<long>());
            Assert.Equal(["claude-one", "claude-two"], second!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
            Assert.Equal("2027-02-01", second["data"]![0]!["retires_at"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
