using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Batchata;

public sealed partial class Batch
{
    /// <summary>Adds a job: a prompt, a file plus a prompt, or a conversation.</summary>
    /// <param name="prompt">The user prompt (with <paramref name="file"/>, the instruction about the file).</param>
    /// <param name="file">A PDF, TXT/MD, DOCX or image file to send with the prompt.</param>
    /// <param name="messages">A conversation (system, user, assistant turns) instead of a prompt. Each turn may carry
    /// <c>TextContent</c>, <c>DataContent</c> (an image, a PDF or a text document) and <c>UriContent</c> (an image URL); any other content is refused.</param>
    /// <param name="id">The job id (<c>[A-Za-z0-9_-]{1,64}</c>, unique); by default one derived from the content, so a rerun matches its earlier state.</param>
    /// <param name="model">The model, overriding the default.</param>
    /// <param name="temperature">The temperature, overriding the default (null = the provider's default).</param>
    /// <param name="maxTokens">The maximum output tokens, overriding the default.</param>
    /// <param name="responseSchema">A JSON schema (object root) the answer must follow.</param>
    /// <param name="enableCitations">Ask for citations into the file (Anthropic, documents).</param>
    /// <param name="additionalParams">Extra provider parameters as a JSON object (top_p, stop_sequences, thinking, ...), checked against what the provider accepts.</param>
    /// <param name="cachePrefix">Mark the system prompt and document as a cacheable prefix (Anthropic prompt caching).</param>
    /// <param name="system">A system prompt, sent with a prompt, a file or messages (which then carry no system message of their own).</param>
    /// <returns>This batch.</returns>
    /// <exception cref="BatchValidationException">The job is invalid (an unknown or retired model, a missing key, a file the
    /// model cannot take, ...); the message names the job and the fix.</exception>
    public Batch AddJob(
        string? prompt = null,
        string? file = null,
        IEnumerable<ChatMessage>? messages = null,
        string? id = null,
        string? model = null,
        double? temperature = null,
        int? maxTokens = null,
        JsonElement? responseSchema = null,
        bool enableCitations = false,
        JsonElement? additionalParams = null,
        bool cachePrefix = false,
        string? system = null)
    {
        var schema = responseSchema is { } raw ? JsonSchemaFactory.Create(raw) : (JsonElement?)null;
        return Add(new JobSpec(prompt, file, messages, id, model, temperature, maxTokens, schema, schema is null ? null : "response", enableCitations, additionalParams, cachePrefix, system));
    }

    /// <summary>Adds a job whose answer is an instance of <typeparamref name="T"/> (a JSON schema is made from the type).</summary>
    /// <typeparam name="T">The response type: a record or class with an object shape.</typeparam>
    /// <param name="prompt">The user prompt.</param>
    /// <param name="file">A file to send with the prompt.</param>
    /// <param name="messages">A conversation instead of a prompt.</param>
    /// <param name="id">The job id.</param>
    /// <param name="model">The model, overriding the default.</param>
    /// <param name="temperature">The temperature, overriding the default.</param>
    /// <param name="maxTokens">The maximum output tokens, overriding the default.</param>
    /// <param name="enableCitations">Ask for citations mapped to the fields of <typeparamref name="T"/>.</param>
    /// <param name="additionalParams">Extra provider parameters as a JSON object.</param>
    /// <param name="cachePrefix">Mark the system prompt and document as a cacheable prefix.</param>
    /// <param name="system">A system prompt, sent with a prompt, a file or messages.</param>
    /// <returns>This batch.</returns>
    /// <exception cref="BatchValidationException">The job or the type is invalid (an unknown or retired model included); the message names the job and the fix.</exception>
    [RequiresUnreferencedCode(UserTypes.Message)]
    [RequiresDynamicCode(UserTypes.Message)]
    public Batch AddJob<T>(
        string? prompt = null,
        string? file = null,
        IEnumerable<ChatMessage>? messages = null,
        string? id = null,
        string? model = null,
        double? temperature = null,
        int? maxTokens = null,
        bool enableCitations = false,
        JsonElement? additionalParams = null,
        bool cachePrefix = false,
        string? system = null)
    {
        var schema = JsonSchemaFactory.Create(typeof(T));
        return Add(new JobSpec(prompt, file, messages, id, model, temperature, maxTokens, schema, typeof(T).Name, enableCitations, additionalParams, cachePrefix, system));
    }

    /// <summary>The jobs added so far, as stored (for tests).</summary>
    internal IEnumerable<JobRequest> PendingJobs() => _spool.Read();

    private Batch Add(JobSpec spec)
    {
        EnsureNotRun();
        _tokenizerHold ??= TokenEstimator.Shared.Hold();
        var factory = new JobFactory(_catalog, Registry, Today, _logging.CreateLogger(ValidationLog.Category), _warnings);
        var job = factory.Create(spec with
        {
            Model = spec.Model ?? _defaultModel,
            Temperature = spec.Temperature ?? _defaultTemperature,
            MaxTokens = spec.MaxTokens ?? _defaultMaxTokens,
        }, _spool.IdSet);
        _spool.Append(job);
        return this;
    }
}
