namespace Batchata;

/// <summary>Thrown when a planned spend cannot fit under the cost limit (jobs that do not fit fail instead; this is thrown only where a caller asks for a guarantee up front).</summary>
public sealed class CostLimitExceededException : BatchataException
{
    /// <summary>Initializes a new instance of the <see cref="CostLimitExceededException"/> class.</summary>
    public CostLimitExceededException() { }

    /// <summary>Initializes a new instance of the <see cref="CostLimitExceededException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public CostLimitExceededException(string message) : base(message) { }

    /// <summary>Initializes a new instance of the <see cref="CostLimitExceededException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CostLimitExceededException(string message, Exception? innerException) : base(message, innerException) { }
}
