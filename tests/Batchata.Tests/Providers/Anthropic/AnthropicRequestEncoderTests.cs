using System.Text;
using static Batchata.Tests.Providers.Anthropic.AnthropicTestData;

namespace Batchata.Tests.Providers.Anthropic;

public class AnthropicRequestEncoderTests
{
    private const string Schema = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}""";

    private static string Fill(string template, params string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace($"@{i}@", values[i], StringComparison.Ordinal);
        }

        return template;
    }

    private static void AssertLine(string expected, string actual) => Assert.Equal(Canonical(expected), actual);

    [Fact]
    public void Encode_PromptOnly_WritesMinimalParams()
    {
        AssertLine("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":"Hello"}]}}
            """, Encode(Job()));
    }

    [Fact]
    public void Encode_SystemAndMessages_JoinsSystemAsString()
    {
        var job = Job(messages:
        [
            new JobMessage("system", "Be brief."),
            new JobMessage("system", "Use English."),
            new JobMessage("user", "Hi"),
            new JobMessage("assistant", "Hello!"),
            new JobMessage("user", "What is 2+2?"),
        ]);
        AssertLine("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "system":"Be brief.\n\nUse English.",
             "messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"},{"role":"user","content":"What is 2+2?"}]}}
            """, Encode(job));
    }

    [Fact]
    public void Encode_TemperatureSet_WritesIt()
    {
        AssertLine("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":"Hello"}],"temperature":0.7}}
            """, Encode(Job(temperature: 0.7)));
    }

    [Fact]
    public void Encode_TemperatureNull_OmitsIt()
    {
        Assert.DoesNotContain("temperature", Encode(Job()), StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_PdfWithCitations_WritesBase64DocumentBeforePrompt()
    {
        var pdf = Batchata.Tests.Files.TestFiles.Pdf("Page one text.");
        var path = TempFile("report.pdf", pdf);
        var job = Job("Summarize", file: new JobFile(path, JobFileKind.Pdf, "application/pdf"), citations: true);
        var data = Convert.ToBase64String(pdf);
        AssertLine(Fill("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":[
               {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"@0@"},"title":"report.pdf","citations":{"enabled":true}},
               {"type":"text","text":"Summarize"}]}]}}
            """, data), Encode(job));
    }

    [Fact]
    public void Encode_TextDocument_WritesPlainTextSource()
    {
        var path = TempFile("notes.txt", Encoding.UTF8.GetBytes("Line one.\nLine two."));
        var job = Job("Read", file: new JobFile(path, JobFileKind.Text, "text/plain"));
        AssertLine("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":[
               {"type":"document","source":{"type":"text","media_type":"text/plain","data":"Line one.\nLine two."},"title":"notes.txt"},
               {"type":"text","text":"Read"}]}]}}
            """, Encode(job));
    }

    [Fact]
    public void Encode_Docx_WritesExtractedTextAsPlainTextDocument()
    {
        var path = TempFile("memo.docx", Batchata.Tests.Files.TestFiles.Docx(["First paragraph.", "Second paragraph."]));
        var job = Job("Read", file: new JobFile(path, JobFileKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        AssertLine("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":[
               {"type":"document","source":{"type":"text","media_type":"text/plain","data":"First paragraph.\nSecond paragraph."},"title":"memo.docx"},
               {"type":"text","text":"Read"}]}]}}
            """, Encode(job));
    }

    [Fact]
    public void Encode_Image_WritesBase64ImageBlock()
    {
        var png = Batchata.Tests.Files.TestFiles.Png;
        var path = TempFile("chart.png", png);
        var job = Job("Describe", file: new JobFile(path, JobFileKind.Image, "image/png"));
        AssertLine(Fill("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":[
               {"type":"image","source":{"type":"base64","media_type":"image/png","data":"@0@"}},
               {"type":"text","text":"Describe"}]}]}}
            """, Convert.ToBase64String(png)), Encode(job));
    }

    [Fact]
    public void Encode_SchemaWithoutCitations_UsesOutputConfig()
    {
        AssertLine(Fill("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":"Hello"}],
             "output_config":{"format":{"type":"json_schema","schema":@0@}}}}
            """, Schema), Encode(Job(schema: Schema)));
    }

    [Fact]
    public void Encode_Schema_AppliesAnthropicSchemaRules()
    {
        var line = Encode(Job(schema: """{"type":"object","properties":{"name":{"type":"string","minLength":2}},"required":["name"]}"""));
        Assert.Contains("\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"],\"additionalProperties\":false}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_SchemaWithCitations_PutsJsonInstructionInPromptInsteadOfOutputConfig()
    {
        var path = TempFile("doc.txt", "Alice works here."u8.ToArray());
        var job = Job("Who works here?", file: new JobFile(path, JobFileKind.Text, "text/plain"), schema: Schema, citations: true);
        var line = Encode(job);
        Assert.DoesNotContain("output_config", line, StringComparison.Ordinal);
        Assert.DoesNotContain("tool_choice", line, StringComparison.Ordinal);
        var prompt = "Who works here?" + AnthropicContentWriter.JsonInstruction(Json(Schema));
        AssertLine(Fill("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":[
               {"type":"document","source":{"type":"text","media_type":"text/plain","data":"Alice works here."},"title":"doc.txt","citations":{"enabled":true}},
               {"type":"text","text":@0@}]}]}}
            """, System.Text.Json.JsonSerializer.Serialize(prompt, Batchata.Tests.Providers.Anthropic.StringContext.Default.String)), line);
        Assert.Contains("\"name\"", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_SchemaOnModelWithoutStructuredOutput_UsesForcedTool()
    {
        AssertLine(Fill("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":"Hello"}],
             "tools":[{"name":"emit","description":"Return the complete answer as this tool's input.","input_schema":@0@}],
             "tool_choice":{"type":"tool","name":"emit"}}}
            """, Schema), Encode(Job(schema: Schema), Model(structured: false)));
    }

    [Fact]
    public void Encode_SchemaOnModelWithoutStructuredOutputOrForcedTools_UsesPromptInstruction()
    {
        var line = Encode(Job(schema: Schema), Model(structured: false, noForcedTool: true));
        Assert.DoesNotContain("tool_choice", line, StringComparison.Ordinal);
        Assert.DoesNotContain("output_config", line, StringComparison.Ordinal);
        Assert.Contains("Answer with a single JSON object", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_CachePrefix_MarksSystemAndDocumentWithOneHourTtl()
    {
        var path = TempFile("doc.txt", "Shared context."u8.ToArray());
        var job = Job(
            messages: [new JobMessage("system", "You are an analyst."), new JobMessage("user", "Question?")],
            file: new JobFile(path, JobFileKind.Text, "text/plain"),
            cache: true);
        AssertLine("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "system":[{"type":"text","text":"You are an analyst.","cache_control":{"type":"ephemeral","ttl":"1h"}}],
             "messages":[{"role":"user","content":[
               {"type":"document","source":{"type":"text","media_type":"text/plain","data":"Shared context."},"title":"doc.txt","cache_control":{"type":"ephemeral","ttl":"1h"}},
               {"type":"text","text":"Question?"}]}]}}
            """, Encode(job));
    }

    [Fact]
    public void Encode_AdditionalParams_MergedVerbatim()
    {
        var extra = """{"top_p":0.9,"top_k":40,"stop_sequences":["END"],"thinking":{"type":"enabled","budget_tokens":2048},"service_tier":"auto","metadata":{"user_id":"u1"}}""";
        AssertLine("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":"Hello"}],
             "top_p":0.9,"top_k":40,"stop_sequences":["END"],"thinking":{"type":"enabled","budget_tokens":2048},"service_tier":"auto","metadata":{"user_id":"u1"}}}
            """, Encode(Job(extra: extra)));
    }

    [Fact]
    public void Encode_EffortWithSchema_MergesIntoOneOutputConfig()
    {
        AssertLine(Fill("""
            {"custom_id":"job-1","params":{"model":"claude-sonnet-4-6","max_tokens":100,
             "messages":[{"role":"user","content":"Hello"}],
             "output_config":{"effort":"low","format":{"type":"json_schema","schema":@0@}}}}
            """, Schema), Encode(Job(schema: Schema, extra: """{"output_config":{"effort":"low"}}""")));
    }

    [Fact]
    public void Encode_NonAsciiText_StaysReadable()
    {
        var line = Encode(Job("Grüße, 日本 \"quoted\""));
        Assert.Contains("Grüße, 日本 \\\"quoted\\\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_ManyJobsOnOneThread_ReusesBufferWithoutLeakingContent()
    {
        var first = Encode(Job(new string('x', 10_000), id: "a"));
        var second = Encode(Job("short", id: "b"));
        Assert.True(first.Length > 10_000);
        AssertLine("""{"custom_id":"b","params":{"model":"claude-sonnet-4-6","max_tokens":100,"messages":[{"role":"user","content":"short"}]}}""", second);
    }

    [Fact]
    public void Encode_SchemaWithThinkingOnModelWithoutStructuredOutput_UsesPromptInstruction()
    {
        var line = Encode(Job(schema: Schema, extra: """{"thinking":{"type":"enabled","budget_tokens":1024}}"""), Model(structured: false));
        Assert.DoesNotContain("tool_choice", line, StringComparison.Ordinal);
        Assert.Contains("Answer with a single JSON object", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_SchemaOnAlwaysThinkingModelWithoutStructuredOutput_UsesPromptInstruction()
    {
        var line = Encode(Job(schema: Schema), Model(structured: false, alwaysThinks: true));
        Assert.DoesNotContain("tool_choice", line, StringComparison.Ordinal);
    }
}
