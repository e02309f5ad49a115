namespace Batchata;

/// <summary>Thrown when the run's state file cannot be opened, read or written. Nothing is deleted when this is thrown.</summary>
public sealed class StateStoreException : BatchataException
{
    /// <summary>Initializes a new instance of the <see cref="StateStoreException"/> class.</summary>
    public StateStoreException() { }

    /// <summary>Initializes a new instance of the <see cref="StateStoreException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public StateStoreException(string message) : base(message) { }

    /// <summary>Initializes a new instance of the <see cref="StateStoreException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public StateStoreException(string message, Exception? innerException) : base(message, innerException) { }
}
