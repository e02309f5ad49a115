using System.Text;
using System.Text.Json;
using Batchata.Tests.Files;
using static Batchata.Tests.Providers.OpenAI.OpenAITestJobs;

namespace Batchata.Tests.Providers.Gemini;

public sealed class GeminiRequestEncoderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Encode(JobRequest job) => Encoding.UTF8.GetString(GeminiRequestEncoder.Encode(job));

    [Fact]
    public void Text_Snapshot()
    {
        Assert.Equal(
            """{"key":"job-1","request":{"contents":[{"role":"user","parts":[{"text":"Hello"}]}],"generation_config":{"max_output_tokens":256}}}""",
            Encode(Job(model: "gemini-2.5-flash", provider: "gemini")));
    }

    [Fact]
    public void SystemAndTemperature_Snapshot()
    {
        Assert.Equal(
            """{"key":"job-1","request":{"contents":[{"role":"user","parts":[{"text":"Hello"}]}],"system_instruction":{"parts":[{"text":"Be brief."}]},"generation_config":{"max_output_tokens":256,"temperature":0.7}}}""",
            Encode(Job(model: "gemini-2.5-flash", provider: "gemini", system: "Be brief.", temperature: 0.7)));
    }

    [Fact]
    public void Schema_Snapshot()
    {
        Assert.Equal(
            """{"key":"job-1","request":{"contents":[{"role":"user","parts":[{"text":"Hello"}]}],"generation_config":{"max_output_tokens":256,"response_mime_type":"application/json","response_json_schema":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"],"additionalProperties":false}}}}""",
            Encode(Job(model: "gemini-2.5-flash", provider: "gemini", schema: PersonSchema)));
    }

    [Fact]
    public void AssistantTurn_IsModelRole()
    {
        var job = new JobRequest
        {
            Id = "j",
            Model = "gemini-2.5-flash",
            Provider = "gemini",
            Messages = [new JobMessage("user", "q"), new JobMessage("assistant", "a"), new JobMessage("user", "q2")],
            MaxTokens = 10,
        };
        Assert.Equal(
            """{"key":"j","request":{"contents":[{"role":"user","parts":[{"text":"q"}]},{"role":"model","parts":[{"text":"a"}]},{"role":"user","parts":[{"text":"q2"}]}],"generation_config":{"max_output_tokens":10}}}""",
            Encode(job));
    }

    [Fact]
    public void Pdf_IsInlineDataBeforeText()
    {
        var pdf = TestFiles.Pdf("page");
        var line = Encode(Job(provider: "gemini", file: new JobFile(_dir.Write("d.pdf", pdf), JobFileKind.Pdf, "application/pdf")));
        using var doc = JsonDocument.Parse(line);
        var parts = doc.RootElement.GetProperty("request").GetProperty("contents")[0].GetProperty("parts");
        Assert.Equal("application/pdf", parts[0].GetProperty("inline_data").GetProperty("mime_type").GetString());
        Assert.Equal(Convert.ToBase64String(pdf), parts[0].GetProperty("inline_data").GetProperty("data").GetString());
        Assert.Equal("Hello", parts[1].GetProperty("text").GetString());
    }

    [Fact]
    public void Image_IsInlineData()
    {
        var line = Encode(Job(provider: "gemini", file: new JobFile(_dir.Write("p.png", TestFiles.Png), JobFileKind.Image, "image/png")));
        Assert.Contains("{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"" + Convert.ToBase64String(TestFiles.Png) + "\"}}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFile_IsTextPart()
    {
        var line = Encode(Job(provider: "gemini", file: new JobFile(_dir.WriteText("n.txt", "body"), JobFileKind.Text, "text/plain")));
        Assert.Contains("""{"role":"user","parts":[{"text":"n.txt:\n\nbody"},{"text":"Hello"}]}""", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AdditionalParams_GoToGenerationConfig_SafetyToRequest()
    {
        var line = Encode(Job(provider: "gemini", additional: """{"top_p":0.9,"thinkingConfig":{"thinkingBudget":0},"safety_settings":[]}"""));
        Assert.Contains(""""generation_config":{"max_output_tokens":256,"topP":0.9,"thinkingConfig":{"thinkingBudget":0}}"""", line, StringComparison.Ordinal);
        Assert.Contains(""""safety_settings":[]"""", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_CopiesRequestAndMovesKeyToMetadata()
    {
        var line = GeminiRequestEncoder.Encode(Job(provider: "gemini", system: "s"));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            GeminiRequestEncoder.WriteInline(writer, line);
        }
        Assert.Equal(
            """{"request":{"contents":[{"role":"user","parts":[{"text":"Hello"}]}],"system_instruction":{"parts":[{"text":"s"}]},"generation_config":{"max_output_tokens":256}},"metadata":{"key":"job-1"}}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
