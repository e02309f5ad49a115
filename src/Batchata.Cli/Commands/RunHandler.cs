using Batchata.Cli.Jobs;
using Batchata.Cli.Rendering;
using Batchata.Emulator;

namespace Batchata.Cli.Commands;

/// <summary>Runs <c>batchata run</c>: read and validate every job, then dry-run or run, then print the summary.</summary>
internal sealed class RunHandler(CliIo io, RunArgs args)
{
    private static readonly TimeSpan EmulatorPollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(args.JobsFile))
        {
            throw new CliInputException($"The jobs file '{args.JobsFile}' does not exist.");
        }

        CheckArguments();
        var lines = JobsFileReader.Read(args.JobsFile, args.JobsFile);
        await using var emulator = args.Emulate
            ? await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = args.EmulatorLatency }, cancellationToken)
            : null;
        var catalog = CatalogLocation.Load(args.Catalog, io);
        await using var batch = BatchFactory.Create(args, emulator, EmulatorPollInterval, io, catalog);
        foreach (var line in lines)
        {
            AddJob(batch, line);
        }

        if (args.DryRun)
        {
            var report = await batch.DryRunAsync(cancellationToken);
            if (args.Json)
            {
                await io.Out.WriteLineAsync(DryRunView.ToJson(report, batch));
            }
            else
            {
                DryRunView.Write(io.Console, report, batch);
            }

            return ExitCodes.Success;
        }

        using var display = CreateDisplay();
        BatchRun run;
        try
        {
            run = await batch.RunAsync(progress: display, printStatus: false, dryRun: false, cancellationToken: cancellationToken);
        }
        finally
        {
            display.Stop();
        }

        var code = ExitCode(run, cancellationToken);
        if (args.Json)
        {
            await io.Out.WriteLineAsync(RunSummaryView.ToJson(run, code, catalog));
        }
        else
        {
            RunSummaryView.Write(io.Console, run, catalog);
        }

        return code;
    }

    internal static int ExitCode(BatchRun run, CancellationToken cancellationToken)
    {
        if (run.WasCancelled || cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }

        var status = run.Status();
        return status.IsComplete && status.Completed == status.Total ? ExitCodes.Success : ExitCodes.JobsFailed;
    }

    private void CheckArguments()
    {
        if (args.MaxParallelBatches < 1)
        {
            throw new CliInputException("--max-parallel-batches must be at least 1.");
        }

        if (args.MaxJobsInFlight is < 1)
        {
            throw new CliInputException("--max-jobs-in-flight must be at least 1.");
        }

        if (args.ItemsPerBatch is < 1)
        {
            throw new CliInputException("--items-per-batch must be at least 1.");
        }

        if (args.CostLimit is <= 0)
        {
            throw new CliInputException("--cost-limit must be a positive amount in USD.");
        }

        if (args.MaxTokens is < 1)
        {
            throw new CliInputException("--max-tokens must be at least 1.");
        }
    }

    private void AddJob(Batch batch, JobLine line)
    {
        try
        {
            batch.AddJob(
                prompt: line.Prompt,
                file: line.File,
                messages: line.Messages,
                id: line.Id,
                model: line.Model,
                temperature: line.Temperature,
                maxTokens: line.MaxTokens,
                responseSchema: line.ResponseSchema,
                enableCitations: line.EnableCitations,
                additionalParams: line.Params,
                system: line.System);
        }
        catch (Exception ex) when (ex is BatchataException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new CliInputException($"{args.JobsFile}:{line.LineNumber}: {ex.Message}", ex);
        }
    }

    private LiveDisplay CreateDisplay()
    {
        if (args.Json)
        {
            return new LiveDisplay(io.ErrConsole, live: false);
        }

        return new LiveDisplay(io.Console, live: args.Plain ? false : null);
    }
}
