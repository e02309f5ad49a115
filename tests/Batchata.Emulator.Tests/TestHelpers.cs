using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Batchata.Emulator.Tests;

/// <summary>Small helpers shared by the tests.</summary>
internal static class TestHelpers
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpClient AnthropicHttp(BatchEmulator emulator, string? key = null, string version = "2023-06-01")
    {
        var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Add("x-api-key", key ?? emulator.ApiKey);
        http.DefaultRequestHeaders.Add("anthropic-version", version);
        return http;
    }

    public static HttpClient OpenAIHttp(BatchEmulator emulator, string? key = null)
    {
        var http = new HttpClient { BaseAddress = emulator.OpenAIBaseUrl };
        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + (key ?? emulator.ApiKey));
        return http;
    }

    public static HttpClient GeminiHttp(BatchEmulator emulator, string? key = null)
    {
        var http = new HttpClient { BaseAddress = emulator.GeminiBaseUrl };
        http.DefaultRequestHeaders.Add("x-goog-api-key", key ?? emulator.ApiKey);
        return http;
    }

    public static async Task<(int Status, JsonNode? Body)> PostJsonAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"), Ct);
        return ((int)response.StatusCode, await ReadNodeAsync(response));
    }

    public static async Task<(int Status, JsonNode? Body)> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Ct);
        return ((int)response.StatusCode, await ReadNodeAsync(response));
    }

    public static async Task<List<JsonNode>> GetLinesAsync(HttpClient http, string path)
    {
        var text = await http.GetStringAsync(path, Ct);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }

    public static async Task<JsonNode?> ReadNodeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public static object AnthropicRequest(string id, string text, int maxTokens = 256, object? extra = null) =>
        new Dictionary<string, object?>
        {
            ["custom_id"] = id,
            ["params"] = Merge(new Dictionary<string, object?>
            {
                ["model"] = "claude-sonnet-4-6",
                ["max_tokens"] = maxTokens,
                ["messages"] = new[] { new { role = "user", content = text } },
            }, extra),
        };

    public static Dictionary<string, object?> Merge(Dictionary<string, object?> target, object? extra)
    {
        if (extra is not null)
        {
            foreach (var (k, v) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                target[k] = v?.DeepClone();
            }
        }

        return target;
    }

    public static Task<(int Status, JsonNode? Body)> CreateAnthropicAsync(HttpClient http, params object[] requests) =>
        PostJsonAsync(http, "v1/messages/batches", new { requests });
}
