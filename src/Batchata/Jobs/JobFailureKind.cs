namespace Batchata;

/// <summary>A machine-readable reason why a job failed or was cancelled.</summary>
public enum JobFailureKind
{
    /// <summary>The job did not fail.</summary>
    None,

    /// <summary>The provider rejected or failed the request (see the error type in the message).</summary>
    ProviderError,

    /// <summary>The job did not fit under the cost limit and was never submitted.</summary>
    CostLimitExceeded,

    /// <summary>The time limit ran out before the job finished.</summary>
    TimeLimitExceeded,

    /// <summary>The provider batch expired before the job was processed.</summary>
    Expired,

    /// <summary>The run was cancelled before the job finished.</summary>
    Cancelled,

    /// <summary>The answer did not parse or validate against the response type.</summary>
    InvalidResponse,

    /// <summary>The provider's output did not contain the job.</summary>
    MissingResult,

    /// <summary>The provider batch failed as a whole (for example OpenAI input validation).</summary>
    BatchFailed,

    /// <summary>The job never reached the provider (its batch could not be created, or its request could not be built); nothing was paid. A later run submits it again.</summary>
    NotSubmitted,
}
