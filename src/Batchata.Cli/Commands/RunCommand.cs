using System.CommandLine;

namespace Batchata.Cli.Commands;

/// <summary><c>batchata run JOBS.jsonl</c>: validates every job, then runs them through the batch APIs.</summary>
internal static class RunCommand
{
    public static Command Create(CliIo io)
    {
        var jobs = new Argument<string>("jobs") { Description = "The JSONL jobs file: one {\"id\",\"prompt\",\"file\",\"messages\",\"model\",...} object per line." };
        var resultsDir = new Option<string>("--results-dir", "-o") { Description = "Where one {job_id}.json per job is written (never emptied).", DefaultValueFactory = _ => "./output" };
        var state = new Option<string?>("--state") { Description = "The state file (default {results-dir}/.batchata/state.db)." };
        var fresh = new Option<bool>("--fresh") { Description = "Start a fresh run: the old state file is kept aside, not resumed." };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "On resume, submit again the jobs that failed in an earlier run." };
        var rerunChanged = new Option<bool>("--rerun-changed") { Description = "On resume, resubmit the jobs whose definition changed since they were stored (their old result files are kept in .batchata/replaced/)." };
        var model = new Option<string?>("--model", "-m") { Description = "The default model for jobs that do not set one." };
        var temperature = new Option<double?>("--temperature") { Description = "The default temperature (unset: the provider's default)." };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "The default maximum output tokens." };
        var costLimit = new Option<decimal?>("--cost-limit") { Description = "The cost limit in USD: jobs whose worst case does not fit are never submitted." };
        var timeLimit = new Option<TimeSpan?>("--time-limit") { Description = "Stop after this long (90s, 10m, 2h; 10 s to 24 h).", CustomParser = Duration.ParseOption };
        var itemsPerBatch = new Option<int?>("--items-per-batch") { Description = "The most jobs per provider batch (default: as few batches as the provider's caps allow, all in flight at once)." };
        var maxJobsInFlight = new Option<int?>("--max-jobs-in-flight") { Description = $"The most jobs in provider batches at once, over all providers: the run's memory budget (default {Batch.DefaultMaxJobsInFlight:N0}; a larger run goes in waves of about that many)." };
        var maxParallel = new Option<int>("--max-parallel-batches") { Description = "The most provider batches in flight at once, per provider.", DefaultValueFactory = _ => 10 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Plan and price the run; submit nothing, write nothing." };
        var emulate = new Option<bool>("--emulate") { Description = "Run against the built-in local emulator (no API key, no network)." };
        var emulatorLatency = new Option<TimeSpan?>("--emulator-latency") { Description = "With --emulate: how long each emulated batch takes (default 2s).", CustomParser = Duration.ParseOption };
        var pollInterval = new Option<TimeSpan?>("--poll-interval") { Description = "Poll provider batches at this fixed interval (default: adaptive, about every second at first, backing off to a minute; 0.5s with --emulate).", CustomParser = Duration.ParseOption };
        var maxEnqueuedTokens = new Option<string[]>("--max-enqueued-tokens") { Description = "Stay below a provider queue limit you know, counted from the token estimates: N (every provider; per model for OpenAI) or NAME=N (a provider or model). Repeatable." };
        var maxQueuedRequests = new Option<string[]>("--max-queued-requests") { Description = "Stay below a provider batch queue limit in requests: N (every provider) or NAME=N. Repeatable." };
        var rawFiles = new Option<bool>("--raw-files") { Description = "Also write raw requests and responses under {results-dir}/raw_files/." };
        var verbosity = new Option<string>("--verbosity", "-v") { Description = "Log level on stderr.", DefaultValueFactory = _ => "warn" };
        verbosity.AcceptOnlyFromAmong("debug", "info", "warn", "error");
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of the live display." };
        var json = new Option<bool>("--json") { Description = "Print a machine-readable JSON summary on stdout (progress goes to stderr)." };
        var grace = new Option<TimeSpan?>("--grace") { Description = "After the time limit: how long to wait for cancelled batches and result downloads (default 2m). The run ends within the time limit plus this.", CustomParser = Duration.ParseOption };
        var requestTimeout = new Option<TimeSpan?>("--request-timeout") { Description = "How long one HTTP attempt to a provider may take before it is retried (default 5m).", CustomParser = Duration.ParseOption };
        var catalog = new Option<string?>("--catalog") { Description = "The model catalog override file (default: $BATCHATA_CATALOG, else ~/.batchata/models.json when it exists)." };

        var command = new Command("run", "Run the jobs of a JSONL file through the providers' batch APIs (resumes the previous run of the same results directory).")
        {
            jobs, resultsDir, state, fresh, retryFailed, rerunChanged, model, temperature, maxTokens, costLimit, timeLimit,
            itemsPerBatch, maxParallel, maxJobsInFlight, dryRun, emulate, emulatorLatency, pollInterval, maxEnqueuedTokens, maxQueuedRequests, rawFiles, verbosity, plain, json, catalog, grace, requestTimeout,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var args = new RunArgs
            {
                JobsFile = result.GetValue(jobs)!,
                ResultsDir = result.GetValue(resultsDir) ?? "./output",
                StateFile = result.GetValue(state),
                Fresh = result.GetValue(fresh),
                RetryFailed = result.GetValue(retryFailed),
                RerunChanged = result.GetValue(rerunChanged),
                Model = result.GetValue(model),
                Temperature = result.GetValue(temperature),
                MaxTokens = result.GetValue(maxTokens),
                CostLimit = result.GetValue(costLimit),
                TimeLimit = result.GetValue(timeLimit),
                ItemsPerBatch = result.GetValue(itemsPerBatch),
                MaxParallelBatches = result.GetValue(maxParallel),
                MaxJobsInFlight = result.GetValue(maxJobsInFlight),
                DryRun = result.GetValue(dryRun),
                Emulate = result.GetValue(emulate),
                EmulatorLatency = result.GetValue(emulatorLatency) ?? TimeSpan.FromSeconds(2),
                PollInterval = result.GetValue(pollInterval),
                MaxEnqueuedTokens = result.GetValue(maxEnqueuedTokens) ?? [],
                MaxQueuedRequests = result.GetValue(maxQueuedRequests) ?? [],
                RawFiles = result.GetValue(rawFiles),
                Verbosity = result.GetValue(verbosity) ?? "warn",
                Plain = result.GetValue(plain),
                Json = result.GetValue(json),
                Catalog = result.GetValue(catalog),
                Grace = result.GetValue(grace),
                RequestTimeout = result.GetValue(requestTimeout),
            };
            return new RunHandler(io, args).RunAsync(cancellationToken);
        });
        return command;
    }
}
