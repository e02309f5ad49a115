namespace Batchata;

/// <summary>
/// Thrown when a job, an option or an input file is invalid. Nothing has been submitted (or paid for)
/// when this is thrown; the message names the job or file and says what to do.
/// </summary>
public sealed class BatchValidationException : BatchataException
{
    /// <summary>Initializes a new instance of the <see cref="BatchValidationException"/> class.</summary>
    public BatchValidationException() { }

    /// <summary>Initializes a new instance of the <see cref="BatchValidationException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public BatchValidationException(string message) : base(message) { }

    /// <summary>Initializes a new instance of the <see cref="BatchValidationException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public BatchValidationException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Initializes a new instance of the <see cref="BatchValidationException"/> class for one job.</summary>
    /// <param name="jobId">The id of the job that is invalid, if known.</param>
    /// <param name="message">The message that describes the error and the fix.</param>
    public BatchValidationException(string? jobId, string message)
        : base(jobId is null ? message : $"Job '{jobId}': {message}") => JobId = jobId;

    /// <summary>Gets the id of the invalid job, when the error concerns one job.</summary>
    public string? JobId { get; }
}
