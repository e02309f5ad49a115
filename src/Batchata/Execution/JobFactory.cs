using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Batchata;

/// <summary>Turns <c>AddJob</c> arguments into a validated <see cref="JobRequest"/>, or a clear error naming the job and the fix.</summary>
internal sealed partial class JobFactory
{
    /// <summary>The maximum output tokens of a job when neither the job nor the defaults set it.</summary>
    public const int DefaultMaxTokens = 1024;

    private readonly ModelCatalog _catalog;
    private readonly ProviderRegistry _providers;
    private readonly DateOnly _today;
    private readonly ILogger _logger;
    private readonly RunWarnings? _warnings;

    public JobFactory(ModelCatalog catalog, ProviderRegistry providers, DateOnly today, ILogger logger, RunWarnings? warnings = null)
    {
        _catalog = catalog;
        _providers = providers;
        _today = today;
        _logger = logger;
        _warnings = warnings;
    }

    /// <summary>
    /// Builds one job in named steps, each throwing <see cref="BatchValidationException"/> naming the job: its id,
    /// its model and provider, its messages and limits, its file, what it asks of the model, and at last the
    /// provider's own rules on the finished request.
    /// </summary>
    public JobRequest Create(JobSpec spec, JobIdSet existingIds)
    {
        var label = Label(spec, existingIds);
        var model = ResolveModel(spec, label);
        var provider = ProviderFor(model, label);
        var messages = MessageBuilder.Build(label, spec, model, out var mediaTokens);
        var maxTokens = MaxTokens(spec, model, label);
        CheckParameters(spec, model, label);
        var (file, fileTokens) = ReadFile(spec, model, label);
        var draft = new JobRequest
        {
            Id = spec.Id ?? "pending",
            Model = model.Id,
            Provider = model.Provider,
            Messages = messages,
            File = file,
            MaxTokens = maxTokens,
            Temperature = spec.Temperature,
            ResponseSchema = spec.ResponseSchema,
            ResponseTypeName = spec.ResponseTypeName,
            EnableCitations = spec.EnableCitations,
            CachePrefix = spec.CachePrefix,
            AdditionalParams = spec.AdditionalParams,
        };
        CapabilityChecks.Check(draft, model, label);
        var job = Complete(draft, deriveId: spec.Id is null, model, mediaTokens + fileTokens, existingIds);
        CheckContextWindow(job, model, label);
        provider.Validate(job, model);
        return job;
    }

    /// <summary>How errors name the job: its id (checked here), or its position while the id is still to be derived.</summary>
    private static string Label(JobSpec spec, JobIdSet existingIds)
    {
        if (spec.Id is null)
        {
            return $"#{existingIds.Count + 1}";
        }

        CheckId(spec.Id, existingIds);
        return spec.Id;
    }

    /// <summary>The job's model from the catalog: unknown and retired models are refused naming the job, deprecated and preview ones warn.</summary>
    private ModelInfo ResolveModel(JobSpec spec, string label)
    {
        if (spec.Model is null)
        {
            throw new BatchValidationException(label, "No model: pass model: to AddJob or call SetDefaultParams(model: ...) first.");
        }

        var model = _catalog.Resolve(spec.Model, _today, label, out var warning);
        if (warning is not null)
        {
            ValidationLog.ModelWarning(_logger, label, warning);
            _warnings?.Add($"Job {label}: {warning}");
        }

        return model;
    }

    /// <summary>The configured provider of the model, or an error naming what to set.</summary>
    private IBatchProvider ProviderFor(ModelInfo model, string label)
        => _providers.TryGet(model.Provider, out var provider, out var problem)
            ? provider
            : throw new BatchValidationException(label, $"Model '{model.Id}' needs the {model.Provider} provider, which is not configured. {problem}");

    /// <summary>The job's output limit: its own, else the default capped at the model's limit; never above the model's limit.</summary>
    private static int MaxTokens(JobSpec spec, ModelInfo model, string label)
    {
        var maxTokens = spec.MaxTokens ?? Math.Min(DefaultMaxTokens, model.MaxOutputTokens > 0 ? model.MaxOutputTokens : DefaultMaxTokens);
        CheckMaxTokens(label, maxTokens);
        if (model.MaxOutputTokens > 0 && maxTokens > model.MaxOutputTokens)
        {
            throw new BatchValidationException(label, $"max_tokens {maxTokens} is above the {model.MaxOutputTokens} that {model.Id} allows. Lower it.");
        }

        return maxTokens;
    }

    /// <summary>The provider-neutral parameters: temperature, the schema's root, the shape of the additional parameters.</summary>
    private static void CheckParameters(JobSpec spec, ModelInfo model, string label)
    {
        if (spec.Temperature is { } temperature)
        {
            CheckTemperature(label, temperature);
        }

        // Only a root that is not an object is refused; a schema over a provider's native limits is served by
        // instruction with local validation (StructuredModes).
        if (spec.ResponseSchema is { } schema && !JsonSchemaFactory.IsObjectSchema(schema))
        {
            var problems = ProviderSchemas.CheckSupported(schema, model.Provider);
            throw new BatchValidationException(label, $"The response type '{spec.ResponseTypeName}' cannot be used with {model.Provider}: {string.Join("; ", problems)}.");
        }

        if (spec.AdditionalParams is { ValueKind: not JsonValueKind.Object })
        {
            throw new BatchValidationException(label, "additionalParams must be a JSON object such as {\"top_p\": 0.9}.");
        }
    }

    /// <summary>The job's file, inspected, hashed and validated for the model, with its estimated tokens (none without a file).</summary>
    private static (JobFile? File, long Tokens) ReadFile(JobSpec spec, ModelInfo model, string label)
    {
        if (spec.File is null)
        {
            return (null, 0);
        }

        var file = FileInspector.Inspect(spec.File, label);
        file = file with { Sha256 = JobFingerprint.HashFile(file.Path, label) };
        var facts = FileValidator.Validate(file, model, spec.EnableCitations, label);

        // Validation already read PDFs and DOCX files; only a plain-text file is read here, for its tokens.
        var text = file.Kind == JobFileKind.Text ? FileContentReader.Read(file, label).Text : facts.Text;
        var bytes = file.Kind is JobFileKind.Pdf or JobFileKind.Image ? facts.Bytes : 0;
        return (file, TokenEstimator.Shared.EstimateFileTokens(file.Kind, bytes, facts.Pages, text, model.Provider));
    }

    /// <summary>The finished request: its token estimate, its id (derived from the content when not given), fingerprint and structured mode.</summary>
    private static JobRequest Complete(JobRequest draft, bool deriveId, ModelInfo model, long inputFileTokens, JobIdSet existingIds)
    {
        draft = draft with { EstimatedInputTokens = TokenEstimator.Shared.EstimateInputTokens(draft, model, inputFileTokens) };
        var job = deriveId ? draft with { Id = DeriveId(draft, existingIds) } : draft;
        return job with { Fingerprint = JobFingerprint.Compute(job), StructuredMode = StructuredModes.Choose(job, model) };
    }

    /// <summary>
    /// A job whose estimated input is over the model's context window would be refused by the provider after it was
    /// queued (or worse, paid for in part): it is refused here. The catalog's context window is the input limit the
    /// providers publish (Anthropic <c>max_input_tokens</c>, Gemini <c>inputTokenLimit</c>); 0 means unknown.
    /// </summary>
    private static void CheckContextWindow(JobRequest job, ModelInfo model, string label)
    {
        if (model.ContextWindow > 0 && job.EstimatedInputTokens > model.ContextWindow)
        {
            throw new BatchValidationException(label, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Its input is estimated at {job.EstimatedInputTokens:N0} tokens, over the {model.ContextWindow:N0}-token context window of {model.Id}, so the provider would refuse it. Nothing was submitted. Shorten the prompt or file, split it into several jobs, or choose a model with a larger context window."));
        }
    }

    public static void CheckTemperature(string? label, double temperature)
    {
        if (double.IsNaN(temperature) || temperature < 0 || temperature > 2)
        {
            throw new BatchValidationException(label, $"Temperature {temperature} is out of range: use 0 to 1 for Anthropic, 0 to 2 for OpenAI and Gemini, or leave it unset for the provider's default.");
        }
    }

    public static void CheckMaxTokens(string? label, int maxTokens)
    {
        if (maxTokens < 1)
        {
            throw new BatchValidationException(label, $"max_tokens must be at least 1 (got {maxTokens}).");
        }
    }

    private static void CheckId(string id, JobIdSet existingIds)
    {
        if (!IdPattern().IsMatch(id))
        {
            throw new BatchValidationException(id.Length > 80 ? id[..80] + "…" : id, "Invalid job id: use 1 to 64 characters from A-Z, a-z, 0-9, '_' and '-' (the providers' custom_id rule).");
        }

        if (existingIds.Contains(id))
        {
            throw new BatchValidationException(id, "Duplicate job id: every job in a batch needs its own id (ids that differ only in case count as the same, as they name the same result file on Windows and macOS).");
        }

        var stem = id.Length is 3 or 4 ? id.ToUpperInvariant() : "";
        if (stem is "CON" or "PRN" or "AUX" or "NUL" || (stem.Length == 4 && stem[..3] is "COM" or "LPT" && stem[3] is >= '1' and <= '9'))
        {
            throw new BatchValidationException(id, $"The job id '{id}' is a reserved device name on Windows, so its result file could not be written there: choose another id.");
        }
    }

    /// <summary>A stable id from the request's content, so a rerun of the same script matches its earlier state.</summary>
    private static string DeriveId(JobRequest draft, JobIdSet existingIds)
    {
        // The file's hash is left out, so ids derived by earlier versions (which did not keep it) still match.
        var canonical = StateSerializer.Serialize(draft with { Id = "", File = draft.File is { } f ? f with { Sha256 = null } : null });
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
        var id = $"job-{hash}";
        for (var n = 2; existingIds.Contains(id); n++)
        {
            id = $"job-{hash}-{n}";
        }

        return id;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
