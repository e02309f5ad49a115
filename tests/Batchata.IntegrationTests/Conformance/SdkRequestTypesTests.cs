using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Batchata.IntegrationTests.Rules;
using Batchata.IntegrationTests.Structured;
using Microsoft.Extensions.AI;

namespace Batchata.IntegrationTests.Conformance;

/// <summary>
/// Issue 15: the request lines Batchata writes, for a job set covering every shape the client builds, type-check
/// against the official TypeScript SDKs' request types (generated from the providers' API specifications) with
/// <c>tsc --strict</c>, as object literals so that a misspelled or unknown field is an error. The SDKs and TypeScript are
/// pinned in tests/conformance/package-lock.json and installed by .ci/run (<c>npm ci</c>), which sets
/// <c>BATCHATA_CONFORMANCE=required</c>; without node_modules and without that variable the test only checks that the
/// lines were written and accepted by the emulator.
/// </summary>
public sealed class SdkRequestTypesTests
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequestLines_TypeCheckAgainstTheOfficialSdkTypes()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var batch = h.NewBatch().RawFiles().SetDefaultParams(maxTokens: 1024);
        AddJobSet(batch, h.Directory);

        var run = await h.RunAsync(batch, cancellationToken: Ct);

        Assert.All(run.Results().All, r => Assert.True(r.IsSuccess, $"{r.JobId}: {r.Error}"));
        var lines = Directory.GetFiles(Path.Combine(h.ResultsDir, "raw_files", "requests"), "*.jsonl")
            .SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        var root = RepositoryRoot();
        var source = TypeScript(lines, out var counts);
        Assert.True(counts.Anthropic >= 8 && counts.Chat >= 5 && counts.Responses >= 4, $"job set too small: {counts}");
        var generated = Path.Combine(root, "tests", "conformance", "generated");
        Directory.CreateDirectory(generated);
        await File.WriteAllTextAsync(Path.Combine(generated, "requests.ts"), source, Ct);

        var tsc = Path.Combine(root, "tests", "conformance", "node_modules", "typescript", "bin", "tsc");
        var required = Environment.GetEnvironmentVariable("BATCHATA_CONFORMANCE") == "required";
        if (!File.Exists(tsc))
        {
            Assert.False(required, "tests/conformance/node_modules is missing: run 'npm ci' in tests/conformance (.ci/run does).");
            TestContext.Current.SendDiagnosticMessage("conformance: node_modules missing, type check not run (run npm ci in tests/conformance)");
            return;
        }

        var (code, output) = await RunAsync("node", [tsc, "-p", Path.Combine(root, "tests", "conformance")]);
        Assert.True(code == 0, $"tsc --strict rejected request lines:\n{output}");
    }

    /// <summary>Every shape the client builds: text, chat, system, PDF, TXT, DOCX, images, schemas, citations, parameters, both OpenAI endpoints.</summary>
    private static void AddJobSet(Batch batch, string directory)
    {
        var pdf = TestDocuments.WritePdf(directory);
        var txt = TestDocuments.WriteText(directory);
        var docx = WriteDocx(directory);
        var png = Path.Combine(directory, "dot.png");
        File.WriteAllBytes(png, Png);
        JsonElement P(string json) => JsonDocument.Parse(json).RootElement.Clone();
        ChatMessage[] chat = [new(ChatRole.System, "You are terse."), new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello."), new(ChatRole.User, "Tell me about cats.")];
        ChatMessage[] parts = [new(ChatRole.User, [new TextContent("What is in these?"), new DataContent(Png, "image/png"), new DataContent(File.ReadAllBytes(pdf), "application/pdf"), new UriContent("https://example.com/cat.png", "image/png")])];

        foreach (var (model, tag) in new[] { ("claude-sonnet-5-5", "a"), ("gpt-4.1-mini", "c"), ("gpt-5.5-pro", "r") })
        {
            batch.AddJob(prompt: "Say hello.", model: model, id: $"{tag}-text");
            batch.AddJob(messages: chat, model: model, id: $"{tag}-chat");
            batch.AddJob(prompt: "Summarize.", system: "Answer in French.", model: model, id: $"{tag}-system");
            batch.AddJob(file: pdf, prompt: "Summarize the PDF.", model: model, id: $"{tag}-pdf");
            batch.AddJob(file: txt, prompt: "Summarize the text.", model: model, id: $"{tag}-txt");
            batch.AddJob(file: docx, prompt: "Summarize the document.", model: model, id: $"{tag}-docx");
            batch.AddJob(file: png, prompt: "Describe the image.", model: model, id: $"{tag}-image");
            batch.AddJob(messages: parts, model: model, id: $"{tag}-parts");
            batch.AddJob<Invoice>(prompt: "Extract: vendor Contoso in Porto, 3 chairs.", model: model, id: $"{tag}-schema");
            batch.AddJob<Tagged>(prompt: "Title: cats. Tags: pets.", model: model, id: $"{tag}-lengths");
            batch.AddJob<ManyNullables>(prompt: "Fill in about cats.", model: model, maxTokens: 2000, id: $"{tag}-instructed");
        }

        batch.AddJob(prompt: "Hi", model: "claude-sonnet-4-6", temperature: 0.2, cachePrefix: true, system: "Cached system prompt.", id: "a-params",
            additionalParams: P("""{"top_k":5,"stop_sequences":["END"],"metadata":{"user_id":"u1"},"service_tier":"auto"}"""));
        batch.AddJob(prompt: "Hi", model: "claude-sonnet-5-5", id: "a-thinking", maxTokens: 3000, additionalParams: P("""{"thinking":{"type":"enabled","budget_tokens":1024}}"""));
        batch.AddJob<FlatFacts>(file: pdf, prompt: "Extract the company, city and product.", model: "claude-sonnet-5-5", enableCitations: true, id: "a-citations-pdf");
        batch.AddJob<FlatFacts>(file: txt, prompt: "Extract the company, city and product.", model: "claude-sonnet-5-5", enableCitations: true, id: "a-citations-txt");
        batch.AddJob(prompt: "Hi", model: "gpt-4.1-mini", temperature: 0.3, id: "c-params",
            additionalParams: P("""{"top_p":0.9,"seed":7,"stop":["END"],"presence_penalty":0.1,"frequency_penalty":0.1,"logit_bias":{"50256":-100},"logprobs":true,"top_logprobs":2,"service_tier":"auto","prompt_cache_key":"k","metadata":{"run":"1"},"store":false,"user":"u"}"""));
        batch.AddJob(prompt: "Hi", model: "gpt-6-luna", id: "c-reasoning", system: "Be brief.", additionalParams: P("""{"reasoning_effort":"low","verbosity":"low"}"""));
        batch.AddJob(prompt: "Hi", model: "gpt-5.5-pro", id: "r-params",
            additionalParams: P("""{"reasoning_effort":"high","verbosity":"low","service_tier":"auto","prompt_cache_key":"k","metadata":{"run":"1"},"store":false,"safety_identifier":"s","truncation":"auto"}"""));
    }

    private static string TypeScript(List<JsonNode> lines, out (int Anthropic, int Chat, int Responses) counts)
    {
        var ts = new StringBuilder();
        ts.AppendLine("// Generated by SdkRequestTypesTests: Batchata's request lines as object literals, type-checked with tsc --strict.");
        ts.AppendLine("import type { BatchCreateParams } from '@anthropic-ai/sdk/resources/messages/batches';");
        ts.AppendLine("import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';");
        ts.AppendLine("import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';");
        ts.AppendLine();
        ts.AppendLine("// The SDK's types follow Anthropic's newest API version (2026-10-21), which removed temperature, top_p and top_k.");
        ts.AppendLine("// Batchata pins anthropic-version 2023-06-01, which accepts them (and refuses them at AddJob under 2026-10-21),");
        ts.AppendLine("// so only these three sampling parameters are added to the SDK's request type; every other field is the SDK's.");
        ts.AppendLine("type AnthropicLine = Omit<BatchCreateParams.Request, 'params'> & {");
        ts.AppendLine("  params: BatchCreateParams.Request['params'] & { temperature?: number; top_p?: number; top_k?: number };");
        ts.AppendLine("};");
        ts.AppendLine("type ChatLine = { custom_id: string; method: 'POST'; url: '/v1/chat/completions'; body: ChatCompletionCreateParamsNonStreaming };");
        ts.AppendLine("type ResponsesLine = { custom_id: string; method: 'POST'; url: '/v1/responses'; body: ResponseCreateParamsNonStreaming };");
        ts.AppendLine();
        int a = 0, c = 0, r = 0;
        foreach (var line in lines.OrderBy(l => (l["custom_id"] ?? l["key"])?.ToString(), StringComparer.Ordinal))
        {
            var json = line.ToJsonString();
            if (line["params"] is not null)
            {
                ts.AppendLine($"export const anthropic{a++}: AnthropicLine = {json};");
            }
            else if (line["url"]?.GetValue<string>() == "/v1/chat/completions")
            {
                ts.AppendLine($"export const chat{c++}: ChatLine = {json};");
            }
            else if (line["url"]?.GetValue<string>() == "/v1/responses")
            {
                ts.AppendLine($"export const responses{r++}: ResponsesLine = {json};");
            }
        }

        counts = (a, c, r);
        return ts.ToString();
    }

    private static string WriteDocx(string directory)
    {
        var path = Path.Combine(directory, "memo.docx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            void Entry(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }

            Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            Entry("word/document.xml", """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Contoso memo: cats in Porto.</w:t></w:r></w:p></w:body></w:document>""");
        }

        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Batchata.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Batchata.slnx not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
