using System.Diagnostics;
using System.Text.Json;
using Batchata.IntegrationTests.Structured;

namespace Batchata.IntegrationTests.Results;

/// <summary>
/// Issue 16: result files written by the library are read by Python batchata's <c>JobResult.from_dict</c> as published
/// (batchata-python-api.txt: <c>Citation(**c)</c> takes text, source, page, metadata), for every kind of result.
/// The published logic runs as a Python script (python3 is on the machines that run the tests), and its rules are
/// also checked field by field here.
/// </summary>
public sealed class PythonCompatibilityTests
{
    /// <summary>Python batchata's Citation and JobResult.from_dict, as published (pydantic left out: parsed_response stays a dict).</summary>
    private const string FromDict = """
        import json, sys, os
        from dataclasses import dataclass
        from typing import Any, Dict, List, Optional

        @dataclass
        class Citation:
            text: str
            source: str
            page: Optional[int] = None
            metadata: Optional[Dict[str, Any]] = None

        @dataclass
        class JobResult:
            job_id: str
            raw_response: Optional[str] = None
            parsed_response: Optional[Dict] = None
            citations: Optional[List[Citation]] = None
            citation_mappings: Optional[Dict[str, List[Citation]]] = None
            input_tokens: int = 0
            output_tokens: int = 0
            cost_usd: float = 0.0
            error: Optional[str] = None
            batch_id: Optional[str] = None

            @property
            def is_success(self) -> bool:
                return self.error is None

            @classmethod
            def from_dict(cls, data: Dict[str, Any]) -> 'JobResult':
                citations = None
                if data.get("citations"):
                    citations = [Citation(**c) for c in data["citations"]]
                citation_mappings = None
                if data.get("citation_mappings"):
                    citation_mappings = {
                        field: [Citation(**c) for c in citations]
                        for field, citations in data["citation_mappings"].items()
                    }
                return cls(
                    job_id=data["job_id"],
                    raw_response=data["raw_response"],
                    parsed_response=data.get("parsed_response"),
                    citations=citations,
                    citation_mappings=citation_mappings,
                    input_tokens=data.get("input_tokens", 0),
                    output_tokens=data.get("output_tokens", 0),
                    cost_usd=data.get("cost_usd", 0.0),
                    error=data.get("error"),
                    batch_id=data.get("batch_id")
                )

        out = {}
        for name in sorted(os.listdir(sys.argv[1])):
            if name.endswith(".json"):
                with open(os.path.join(sys.argv[1], name)) as f:
                    r = JobResult.from_dict(json.load(f))
                out[r.job_id] = {
                    "is_success": r.is_success,
                    "citations": len(r.citations or []),
                    "first_citation_page": (r.citations or [Citation("", "")])[0].page,
                    "mapped_fields": sorted((r.citation_mappings or {}).keys()),
                    "parsed": sorted((r.parsed_response or {}).keys()) if isinstance(r.parsed_response, dict) else None,
                    "tokens": r.input_tokens + r.output_tokens,
                    "cost": r.cost_usd,
                    "batch_id": r.batch_id,
                }
        print(json.dumps(out))
        """;

    [Fact]
    public async Task EveryKindOfResultFile_IsReadByPythonFromDict()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var pdf = TestDocuments.WritePdf(h.Directory);
        var batch = h.NewBatch().SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 600)
            .AddJob(prompt: "Say hello.", id: "plain")
            .AddJob<FlatFacts>(prompt: "Northwind Traders, Oslo, smoked salmon.", id: "structured")
            .AddJob<FlatFacts>(file: pdf, prompt: "Extract the company, city and product.", enableCitations: true, id: "cited")
            .AddJob(file: pdf, prompt: "Where was the invoice issued?", enableCitations: true, id: "cited-text")
            .AddJob(prompt: "Fail please [[emulator:error=invalid_request_error]]", id: "failed")
            .AddJob<FlatFacts>(prompt: "Break the JSON [[emulator:bad-json]]", id: "bad-json");

        var run = await h.RunAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Results().All.ToDictionary(r => r.JobId);
        Assert.Equal(JobStatus.Failed, results["failed"].Status);
        Assert.NotEmpty(results["cited"].Citations!);
        Assert.NotEmpty(results["cited"].CitationMappings!);
        var files = Directory.GetFiles(h.ResultsDir, "*.json");
        Assert.Equal(6, files.Length);
        foreach (var file in files)
        {
            CheckAgainstPublishedFromDict(file);
        }

        using var python = JsonDocument.Parse(RunPython(h.ResultsDir));
        var read = python.RootElement;
        Assert.Equal(6, read.EnumerateObject().Count());
        foreach (var (id, result) in results)
        {
            var py = read.GetProperty(id);
            Assert.Equal(result.Error is null, py.GetProperty("is_success").GetBoolean());
            Assert.Equal(result.Citations?.Count ?? 0, py.GetProperty("citations").GetInt32());
            Assert.Equal((result.CitationMappings?.Keys ?? []).Order(StringComparer.Ordinal), py.GetProperty("mapped_fields").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(result.TotalTokens, py.GetProperty("tokens").GetInt64());
            Assert.Equal(result.CostUsd, py.GetProperty("cost").GetDecimal());
            Assert.Equal(result.BatchId, py.GetProperty("batch_id").GetString());
        }

        Assert.Equal(["City", "Company", "Product"], read.GetProperty("structured").GetProperty("parsed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(results["cited-text"].Citations![0].Page, read.GetProperty("cited-text").GetProperty("first_citation_page").GetInt32());
        Assert.False(read.GetProperty("failed").GetProperty("is_success").GetBoolean());

        // The library reads its own files back with every citation field (the position fields come back from metadata).
        var again = BatchResults.Load(h.ResultsDir).All.Single(r => r.JobId == "cited-text").Citations!;
        Assert.Equal(results["cited-text"].Citations!.Select(c => (c.Text, c.Page, c.EndPage, c.StartChar, c.EndChar, c.DocumentIndex, c.Kind)),
            again.Select(c => (c.Text, c.Page, c.EndPage, c.StartChar, c.EndChar, c.DocumentIndex, c.Kind)));
    }

    [Fact]
    public void FlatCitationsOfEarlierFiles_AreStillRead()
    {
        const string json = """{"job_id":"x","status":"completed","raw_response":"a","citations":[{"text":"t","source":"Doc","page":2,"end_page":3,"start_char":null,"end_char":null,"document_index":1,"kind":"page_location","confidence":null,"match_reason":null}]}""";

        var result = JsonSerializer.Deserialize<JobResult>(json, JsonDefaults.ResultFile)!;

        var c = Assert.Single(result.Citations!);
        Assert.Equal(("t", "Doc", 2, 3, 1, "page_location"), (c.Text, c.Source, c.Page!.Value, c.EndPage!.Value, c.DocumentIndex, c.Kind));
    }

    /// <summary>The rules <c>from_dict</c> imposes, checked in C#: required keys, and citations with exactly the keys <c>Citation</c> takes.</summary>
    private static void CheckAgainstPublishedFromDict(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.String, root.GetProperty("job_id").ValueKind); // data["job_id"]
        Assert.True(root.TryGetProperty("raw_response", out var raw) && raw.ValueKind is JsonValueKind.String or JsonValueKind.Null, file); // data["raw_response"]
        Assert.Equal(JsonValueKind.Number, root.GetProperty("input_tokens").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("cost_usd").ValueKind);
        var citations = new List<JsonElement>();
        if (root.TryGetProperty("citations", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            citations.AddRange(list.EnumerateArray());
        }

        if (root.TryGetProperty("citation_mappings", out var mappings) && mappings.ValueKind == JsonValueKind.Object)
        {
            citations.AddRange(mappings.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()));
        }

        foreach (var citation in citations)
        {
            Assert.All(citation.EnumerateObject(), p => Assert.Contains(p.Name, (string[])["text", "source", "page", "metadata"]));
            Assert.Equal(JsonValueKind.String, citation.GetProperty("text").ValueKind);
            Assert.Equal(JsonValueKind.String, citation.GetProperty("source").ValueKind);
        }
    }

    private static string RunPython(string directory)
    {
        var script = Path.Combine(directory, "..", "from_dict.py");
        File.WriteAllText(script, FromDict);
        using var process = Process.Start(new ProcessStartInfo("python3", [script, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 from_dict failed: {stderr}");
        return stdout.Result;
    }
}
