using Batchata;
using Batchata.Emulator;
using Batchata.Samples;

// Runnable samples. Without API keys they run against the built-in emulator (no network).
//   dotnet run --project samples/Batchata.Samples -- quickstart | structured | citations | resume
var sample = args.FirstOrDefault() ?? "quickstart";
var output = Path.Combine(Path.GetTempPath(), "batchata-samples", sample);
await using var emulator = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") is null
    ? await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.FromSeconds(2) })
    : null;

Batch NewBatch(bool fresh = true)
{
    var batch = new Batch(output, maxParallelBatches: 4);
    if (emulator is not null)
    {
        Console.WriteLine($"No ANTHROPIC_API_KEY: using the emulator at {emulator.BaseUrl}");
        var poll = TimeSpan.FromMilliseconds(500);
        batch.UseAnthropic(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.AnthropicBaseUrl; o.PollInterval = poll; })
             .UseOpenAI(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.OpenAIBaseUrl; o.PollInterval = poll; })
             .UseGemini(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.GeminiBaseUrl; o.PollInterval = poll; });
    }

    return batch.SetState(reuseState: !fresh);
}

switch (sample)
{
    case "quickstart":
    {
        var batch = NewBatch().SetDefaultParams(model: "claude-haiku-5-5", maxTokens: 200).AddCostLimit(1m);
        batch.AddJob(prompt: "Say hello in French.", id: "hello-fr")
             .AddJob(prompt: "Say hello in Japanese.", id: "hello-ja");
        var run = await batch.RunAsync(printStatus: true);
        foreach (var r in run.Results().Completed)
        {
            Console.WriteLine($"{r.JobId}: {r.RawResponse} (${r.CostUsd:0.000000})");
        }

        break;
    }

    case "structured":
    {
        var batch = NewBatch().SetDefaultParams(model: "claude-sonnet-5-5", maxTokens: 800);
        batch.AddJob<Invoice>(prompt: "Extract the invoice: Contoso, Porto, 3 chairs and 1 table, urgent.", id: "invoice");
        var run = await batch.RunAsync(printStatus: true);
        foreach (var r in run.Results().Completed)
        {
            var invoice = r.GetParsed<Invoice>();
            Console.WriteLine($"{invoice.Vendor} in {invoice.City}: {invoice.Items.Count} lines, priority {invoice.Priority}");
        }

        break;
    }

    case "citations":
    {
        Directory.CreateDirectory(output);
        var doc = Path.Combine(output, "company.txt");
        await File.WriteAllTextAsync(doc, "Northwind Traders is based in Oslo. Its flagship product is smoked salmon.");
        var batch = NewBatch().SetDefaultParams(model: "claude-sonnet-5-5", maxTokens: 800);
        batch.AddJob<Company>(file: doc, prompt: "Extract the company, city and product.", enableCitations: true, id: "company");
        var run = await batch.RunAsync(printStatus: true);
        foreach (var r in run.Results().Completed)
        {
            foreach (var (field, cites) in r.CitationMappings ?? new Dictionary<string, IReadOnlyList<Citation>>())
            {
                Console.WriteLine($"{field}: \"{string.Join(" | ", cites.Select(c => c.Text))}\" ({cites[0].Confidence})");
            }
        }

        break;
    }

    case "resume":
    {
        // Stop after two seconds, then run the same program again: nothing is paid twice.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var first = NewBatch().SetDefaultParams(model: "claude-haiku-5-5").SetCancelGracePeriod(TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            first.AddJob(prompt: $"Fact number {i} about octopuses.", id: $"fact-{i}");
        }

        var stopped = await first.RunAsync(cancellationToken: cts.Token);
        Console.WriteLine($"First run: cancelled={stopped.WasCancelled}, {stopped.Status().Cancelled} jobs cancelled.");
        var second = NewBatch(fresh: false).SetDefaultParams(model: "claude-haiku-5-5");
        for (var i = 0; i < 5; i++)
        {
            second.AddJob(prompt: $"Fact number {i} about octopuses.", id: $"fact-{i}");
        }

        var resumed = await second.RunAsync(printStatus: true);
        Console.WriteLine($"Second run: {resumed.Status().Completed} completed.");
        break;
    }

    default:
        Console.Error.WriteLine("Samples: quickstart, structured, citations, resume");
        return 2;
}

return 0;
