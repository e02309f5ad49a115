using Batchata.Emulator;

namespace Batchata.Cli.Commands;

/// <summary>Builds the <see cref="Batch"/> of a <c>batchata run</c> from its options.</summary>
internal static class BatchFactory
{
    private const string DryRunKey = "dry-run-no-key";

    public static Batch Create(RunArgs args, BatchEmulator? emulator, TimeSpan emulatorPoll, CliIo io, ModelCatalog catalog)
    {
        if (args.PollInterval is { } requested && requested < TimeSpan.FromMilliseconds(10))
        {
            throw new CliInputException("--poll-interval must be at least 10ms.");
        }

        Batch batch;
        try
        {
            batch = new Batch(args.ResultsDir, args.MaxParallelBatches, args.ItemsPerBatch);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException(ex.Message, ex);
        }

        if (io.DotEnvPath is { } dotEnv)
        {
            batch.SetDotEnvFile(dotEnv);
        }
        if (args.RequestTimeout is { } timeout)
        {
            if (timeout < TimeSpan.FromSeconds(1) || timeout > TimeSpan.FromHours(1))
            {
                throw new CliInputException("--request-timeout must be between 1s and 1h.");
            }

            batch.SetRequestTimeout(timeout);
        }

        batch.SetCatalog(catalog);
        if (args.StateFile is not null || args.Fresh)
        {
            batch.SetState(args.StateFile, reuseState: !args.Fresh);
        }

        batch.SetVerbosity(args.Verbosity).SetLoggerFactory(new StderrLoggerFactory(io.Err));
        if (args.RawFiles)
        {
            batch.RawFiles();
        }

        if (args.RetryFailed)
        {
            batch.RetryFailed();
        }

        if (args.RerunChanged)
        {
            batch.RerunChanged();
        }

        if (args.CostLimit is { } limit)
        {
            batch.AddCostLimit(limit);
        }

        if (args.TimeLimit is { } time)
        {
            batch.AddTimeLimit(seconds: time.TotalSeconds);
        }

        if (args.Grace is { } grace)
        {
            batch.SetCancelGracePeriod(grace);
        }

        if (emulator is not null)
        {
            emulatorPoll = args.PollInterval ?? emulatorPoll;
            batch.UseAnthropic(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.AnthropicBaseUrl; })
                .UseOpenAI(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.OpenAIBaseUrl; })
                .UseGemini(o => { o.ApiKey = emulator.ApiKey; o.BaseUrl = emulator.GeminiBaseUrl; });
            batch.SetPollInterval(emulatorPoll);
            batch.ProgressInterval = emulatorPoll;
        }
        else if (args.PollInterval is { } poll)
        {
            batch.SetPollInterval(poll);
            batch.ProgressInterval = poll < batch.ProgressInterval ? poll : batch.ProgressInterval;
        }

        if (args.MaxJobsInFlight is { } maxJobsInFlight)
        {
            batch.SetMaxJobsInFlight(maxJobsInFlight);
        }

        AddQueueLimits(batch, args.MaxEnqueuedTokens, "--max-enqueued-tokens", (b, name, n) => b.SetQueueLimit(name, maxEnqueuedTokens: n));
        AddQueueLimits(batch, args.MaxQueuedRequests, "--max-queued-requests", (b, name, n) => b.SetQueueLimit(name, maxQueuedRequests: checked((int)n)));

        if (emulator is null && args.DryRun)
        {
            // A dry run sends nothing, so a provider without a key can still be planned and priced.
            if (!ProviderInfo.Anthropic.HasApiKey(io.DotEnvPath))
            {
                batch.UseAnthropic(o => o.ApiKey = DryRunKey);
            }

            if (!ProviderInfo.OpenAI.HasApiKey(io.DotEnvPath))
            {
                batch.UseOpenAI(o => o.ApiKey = DryRunKey);
            }

            if (!ProviderInfo.Gemini.HasApiKey(io.DotEnvPath))
            {
                batch.UseGemini(o => o.ApiKey = DryRunKey);
            }
        }

        try
        {
            batch.SetDefaultParams(args.Model, args.MaxTokens, args.Temperature);
        }
        catch (BatchataException ex)
        {
            throw new CliInputException($"--model/--max-tokens/--temperature: {ex.Message}", ex);
        }

        return batch;
    }

    /// <summary>Each value is <c>N</c> (every provider's queue: per model for OpenAI, per provider for Anthropic and Gemini) or <c>NAME=N</c> (a provider or a model).</summary>
    private static void AddQueueLimits(Batch batch, IReadOnlyList<string> values, string option, Action<Batch, string, long> add)
    {
        foreach (var value in values)
        {
            var (name, number) = value.LastIndexOf('=') is var eq and > 0 ? (value[..eq].Trim(), value[(eq + 1)..]) : (null, value);
            if (!long.TryParse(number.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || (option == "--max-queued-requests" && n > int.MaxValue))
            {
                throw new CliInputException($"{option} '{value}': expected a positive whole number, optionally after a provider or model name (openai=2000000, gpt-4.1-mini=2000000).");
            }

            foreach (var target in name is null ? ProviderInfo.All.Select(p => p.Name) : [name])
            {
                add(batch, target, n);
            }
        }
    }
}
