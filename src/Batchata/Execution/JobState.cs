namespace Batchata;

/// <summary>
/// The engine's in-memory view of one job that is queued for a batch or in flight: what planning, cost and status
/// need, and no more. Jobs that wait in the state store or have ended have no <see cref="JobState"/>, and the
/// definition itself (messages, file, schema) is held only from the moment a job is paged in until its request
/// is encoded. Its status, batch, reservation, cost and attempts change only through <see cref="RunState"/>'s methods (under its lock); its definition belongs to the planner (see RunState's threading model).
/// </summary>
internal sealed class JobState
{
    public JobState(JobRequest request, ModelInfo model)
        : this(request.Id, model, request.EstimatedInputTokens, request.MaxTokens, request.ResponseTypeName, request.ResponseSchema is not null)
    {
    }

    public JobState(string id, ModelInfo model, long estimatedInputTokens, int maxTokens, string? responseTypeName, bool hasSchema)
    {
        Id = id;
        Model = model;
        EstimatedInputTokens = estimatedInputTokens;
        MaxTokens = maxTokens;

        // A handful of type names serve every job: share one string each.
        ResponseTypeName = responseTypeName is null ? null : string.Intern(responseTypeName);
        HasSchema = hasSchema;
    }

    public string Id { get; }

    public ModelInfo Model { get; }

    /// <summary>The provider name (the model's).</summary>
    public string Provider => Model.Provider;

    /// <summary>The estimated prompt tokens, as computed at <c>AddJob</c>.</summary>
    public long EstimatedInputTokens { get; }

    public int MaxTokens { get; }

    /// <summary>The response type name of a structured job, or null.</summary>
    public string? ResponseTypeName { get; }

    /// <summary>Whether the answer must follow a JSON schema (then the definition is loaded to parse it).</summary>
    public bool HasSchema { get; }

    /// <summary>The response schema when the job was paged in with its definition (one shared instance per distinct schema), else null: it is then loaded from the store.</summary>
    public System.Text.Json.JsonElement? ResponseSchema { get; init; }

    /// <summary>How the schema reaches the model (<see cref="StructuredModes"/>) when the job was paged in with its definition; else loaded with the schema.</summary>
    public string? StructuredMode { get; init; }

    /// <summary>The definition, from the moment the job is paged in from the store until its request is encoded; then null.</summary>
    public JobRequest? Definition { get; set; }

    public JobStatus Status { get; set; } = JobStatus.Pending;

    public long? BatchRow { get; set; }

    public string? BatchId { get; set; }

    public int Attempts { get; set; }

    public decimal ReservedUsd { get; set; }

    // No cost fields: a job's cost, real-time price and expected cost are added to the run's totals when it ends, and
    // it is let go then; every job in flight is held (up to maxJobsInFlight), so each field costs that many times over.

    /// <summary>The expected cost before the run (estimated input, half of max_tokens out, batch prices), as the dry run reports it.</summary>
    public decimal EstimatedCostUsd => ExpectedCost(Model, EstimatedInputTokens, MaxTokens);

    /// <summary>The expected cost of a job as the dry run prices it: estimated input, the expected share of max_tokens out, batch prices.</summary>
    public static decimal ExpectedCost(ModelInfo model, long estimatedInputTokens, int maxTokens)
        => CostCalculator.BatchCost(model, new TokenUsage(estimatedInputTokens, CostCalculator.ExpectedOutputTokens(maxTokens)));
}
