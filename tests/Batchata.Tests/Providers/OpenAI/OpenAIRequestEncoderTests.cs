using System.Text;
using System.Text.Json;
using Batchata.Tests.Files;
using static Batchata.Tests.Providers.OpenAI.OpenAITestJobs;

namespace Batchata.Tests.Providers.OpenAI;

public sealed class OpenAIRequestEncoderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Encode(JobRequest job, ModelInfo model) => Encoding.UTF8.GetString(OpenAIRequestEncoder.Encode(job, model));

    [Fact]
    public void NonReasoning_WithSystemAndTemperature_Snapshot()
    {
        var line = Encode(Job(system: "Be brief.", temperature: 0.5), Gpt41);
        Assert.Equal(
            """{"custom_id":"job-1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4.1","max_tokens":256,"temperature":0.5,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}]}}""",
            line);
    }

    [Fact]
    public void Reasoning_UsesMaxCompletionTokensAndDeveloperRole_Snapshot()
    {
        var line = Encode(Job(model: "o4-mini", system: "Be brief."), O4Mini);
        Assert.Equal(
            """{"custom_id":"job-1","method":"POST","url":"/v1/chat/completions","body":{"model":"o4-mini","max_completion_tokens":256,"messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"Hello"}]}}""",
            line);
    }

    [Fact]
    public void NoTemperature_WhenUnset()
    {
        var line = Encode(Job(), Gpt41);
        Assert.DoesNotContain("temperature", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_IsStrictJsonSchemaResponseFormat_Snapshot()
    {
        var line = Encode(Job(schema: PersonSchema), Gpt41);
        Assert.Equal(
            """{"custom_id":"job-1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4.1","max_tokens":256,"messages":[{"role":"user","content":"Hello"}],"response_format":{"type":"json_schema","json_schema":{"name":"Person","schema":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"],"additionalProperties":false},"strict":true}}}}""",
            line);
    }

    [Fact]
    public void Image_IsImageUrlDataUrl_BeforeText()
    {
        var path = _dir.Write("pic.png", TestFiles.Png);
        var line = Encode(Job(file: new JobFile(path, JobFileKind.Image, "image/png")), Gpt41);
        using var doc = JsonDocument.Parse(line);
        var content = doc.RootElement.GetProperty("body").GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("image_url", content[0].GetProperty("type").GetString());
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(TestFiles.Png), content[0].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("text", content[1].GetProperty("type").GetString());
        Assert.Equal("Hello", content[1].GetProperty("text").GetString());
    }

    [Fact]
    public void Pdf_IsFilePartWithFilenameAndDataUrl()
    {
        var pdf = TestFiles.Pdf("page one");
        var path = _dir.Write("doc.pdf", pdf);
        var line = Encode(Job(file: new JobFile(path, JobFileKind.Pdf, "application/pdf")), Gpt41);
        using var doc = JsonDocument.Parse(line);
        var part = doc.RootElement.GetProperty("body").GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("file", part.GetProperty("type").GetString());
        Assert.Equal("doc.pdf", part.GetProperty("file").GetProperty("filename").GetString());
        Assert.Equal("data:application/pdf;base64," + Convert.ToBase64String(pdf), part.GetProperty("file").GetProperty("file_data").GetString());
    }

    [Fact]
    public void TextFile_IsTextPartPrefixedByName()
    {
        var path = _dir.WriteText("notes.md", "# Title\nbody");
        var line = Encode(Job(file: new JobFile(path, JobFileKind.Text, "text/markdown")), Gpt41);
        using var doc = JsonDocument.Parse(line);
        var part = doc.RootElement.GetProperty("body").GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("text", part.GetProperty("type").GetString());
        Assert.Equal("notes.md:\n\n# Title\nbody", part.GetProperty("text").GetString());
    }

    [Fact]
    public void AdditionalParams_AreMerged()
    {
        var line = Encode(Job(additional: """{"top_p":0.9,"seed":7,"stop":["END"],"service_tier":"flex"}"""), Gpt41);
        Assert.EndsWith(""""top_p":0.9,"seed":7,"stop":["END"],"service_tier":"flex"}}"""", line, StringComparison.Ordinal);
    }

    public static TheoryData<string> Cases() => ["plain", "reasoning", "system", "schema", "image", "pdf", "text", "extra"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodedLine_ConformsToOpenApiSchema(string kind)
    {
        var job = kind switch
        {
            "reasoning" => Job(model: "o4-mini", system: "sys", additional: """{"reasoning_effort":"low"}"""),
            "system" => Job(system: "sys", temperature: 1.2),
            "schema" => Job(schema: PersonSchema),
            "image" => Job(file: new JobFile(_dir.Write("a.png", TestFiles.Png), JobFileKind.Image, "image/png")),
            "pdf" => Job(file: new JobFile(_dir.Write("a.pdf", TestFiles.Pdf("x")), JobFileKind.Pdf, "application/pdf")),
            "text" => Job(file: new JobFile(_dir.WriteText("a.txt", "hi"), JobFileKind.Text, "text/plain")),
            "extra" => Job(additional: """{"top_p":0.5,"seed":1,"stop":"x","metadata":{"k":"v"},"store":false,"user":"u","prompt_cache_key":"p","frequency_penalty":0.1,"presence_penalty":0.1,"logprobs":true,"top_logprobs":2}"""),
            _ => Job(),
        };
        var model = kind == "reasoning" ? O4Mini : Gpt41;
        using var doc = JsonDocument.Parse(OpenAIRequestEncoder.Encode(job, model));
        var errors = OpenAISchemaValidator.Validate(doc.RootElement, OpenAISchemaValidator.Schema("BatchRequestInput"));
        Assert.Empty(errors);
    }

    [Fact]
    public void Validator_CatchesNonConformingLine()
    {
        using var doc = JsonDocument.Parse("""{"custom_id":"a","method":"GET","url":"/v1/chat/completions","body":{"model":"m","messages":[{"role":"robot","content":"x"}],"temperature":3,"max_token":5}}""");
        var errors = OpenAISchemaValidator.Validate(doc.RootElement, OpenAISchemaValidator.Schema("BatchRequestInput"));
        Assert.Contains(errors, e => e.Contains("$.method", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("max_token", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.body.temperature", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.body.messages[0]", StringComparison.Ordinal));
    }
}
