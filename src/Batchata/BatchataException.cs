namespace Batchata;

/// <summary>The base class of every exception Batchata throws on purpose.</summary>
public class BatchataException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="BatchataException"/> class.</summary>
    public BatchataException() { }

    /// <summary>Initializes a new instance of the <see cref="BatchataException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public BatchataException(string message) : base(message) { }

    /// <summary>Initializes a new instance of the <see cref="BatchataException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public BatchataException(string message, Exception? innerException) : base(message, innerException) { }
}
