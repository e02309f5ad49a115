using System.CommandLine;
using Batchata.Emulator;

namespace Batchata.Cli.Commands;

/// <summary><c>batchata emulator</c>: runs the local batch API emulator until Ctrl+C or SIGTERM.</summary>
internal static class EmulatorCommand
{
    public static Command Create(CliIo io)
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 8089 };
        var latency = new Option<TimeSpan?>("--latency") { Description = "How long each batch takes to end (e.g. 5s).", CustomParser = Duration.ParseOption };
        var perRequest = new Option<TimeSpan?>("--latency-per-request") { Description = "Latency each request adds to its batch (e.g. 2ms): a batch of n requests ends after --latency + n x this.", CustomParser = Duration.ParseOption };
        var tokenLimit = new Option<long?>("--enqueued-token-limit") { Description = "OpenAI enqueued-token limit per model: a batch that would exceed it fails with token_limit_exceeded." };
        var queueLimit = new Option<int?>("--queue-limit") { Description = "Anthropic and Gemini batch queue limit, in requests: a create that would exceed it is answered 429." };
        var seed = new Option<int?>("--seed") { Description = "The seed of the emulator's randomness (result order, faults)." };
        var apiKey = new Option<string?>("--api-key") { Description = "The API key clients must send (default: emulator-key)." };
        var models = new Option<string?>("--models") { Description = "A JSON array of models the models endpoints list (re-read on every request; default: a built-in list)." };
        var command = new Command("emulator", "Run the local emulator of the Anthropic, OpenAI and Gemini batch APIs; prints the environment to use it.") { port, latency, perRequest, tokenLimit, queueLimit, seed, apiKey, models };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new EmulatorOptions
            {
                Port = result.GetValue(port),
                ProcessingLatency = result.GetValue(latency) ?? TimeSpan.FromSeconds(5),
                PerRequestLatency = result.GetValue(perRequest) ?? TimeSpan.Zero,
                EnqueuedTokenLimit = result.GetValue(tokenLimit),
                QueueLimit = result.GetValue(queueLimit),
            };
            if (options.EnqueuedTokenLimit is < 1 || options.QueueLimit is < 1)
            {
                throw new CliInputException("--enqueued-token-limit and --queue-limit must be at least 1.");
            }

            if (options.Port is < 0 or > 65535)
            {
                throw new CliInputException("--port must be between 0 and 65535.");
            }

            if (result.GetValue(seed) is { } s)
            {
                options.Seed = s;
            }

            if (result.GetValue(apiKey) is { Length: > 0 } key)
            {
                options.ApiKey = key;
            }

            if (result.GetValue(models) is { Length: > 0 } file)
            {
                if (!File.Exists(file))
                {
                    throw new CliInputException($"--models: the file '{file}' does not exist.");
                }

                options.ModelsFile = Path.GetFullPath(file);
            }

            await using var emulator = await BatchEmulator.StartAsync(options, cancellationToken);
            await io.Out.WriteLineAsync($"export {ProviderInfo.Anthropic.BaseUrlVariable}={emulator.AnthropicBaseUrl}");
            await io.Out.WriteLineAsync($"export {ProviderInfo.OpenAI.BaseUrlVariable}={emulator.OpenAIBaseUrl}");
            await io.Out.WriteLineAsync($"export {ProviderInfo.Gemini.BaseUrlVariable}={emulator.GeminiBaseUrl}");
            await io.Out.WriteLineAsync("export " + string.Join(" ", ProviderInfo.All.Select(p => $"{p.KeyVariables[0]}={emulator.ApiKey}")));
            await io.Out.FlushAsync(cancellationToken);
            await io.Err.WriteLineAsync($"Batch emulator listening on {emulator.BaseUrl} (latency {Duration.Format(options.ProcessingLatency)}{(options.PerRequestLatency > TimeSpan.Zero ? $" + {Duration.Format(options.PerRequestLatency)} per request" : "")}, seed {options.Seed}). Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await io.Err.WriteLineAsync("Emulator stopped.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
