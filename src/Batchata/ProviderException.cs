namespace Batchata;

/// <summary>Thrown when a provider's API answers with an error that Batchata cannot ride through.</summary>
public sealed class ProviderException : BatchataException
{
    /// <summary>Initializes a new instance of the <see cref="ProviderException"/> class.</summary>
    public ProviderException() { }

    /// <summary>Initializes a new instance of the <see cref="ProviderException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ProviderException(string message) : base(message) { }

    /// <summary>Initializes a new instance of the <see cref="ProviderException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ProviderException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Initializes a new instance of the <see cref="ProviderException"/> class with the provider's details.</summary>
    /// <param name="provider">The provider name (anthropic, openai, gemini).</param>
    /// <param name="statusCode">The HTTP status code, or 0 when no answer came.</param>
    /// <param name="errorType">The provider's error type or code.</param>
    /// <param name="message">The message that describes the error (never contains the API key).</param>
    /// <param name="isTransient">Whether retrying later may succeed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ProviderException(string provider, int statusCode, string? errorType, string message, bool isTransient, Exception? innerException = null)
        : base($"{provider} API error{(statusCode > 0 ? $" {statusCode}" : "")}{(errorType is null ? "" : $" ({errorType})")}: {message}", innerException)
    {
        Provider = provider;
        StatusCode = statusCode;
        ErrorType = errorType;
        IsTransient = isTransient;
    }

    /// <summary>Gets the provider name.</summary>
    public string? Provider { get; }

    /// <summary>Gets the HTTP status code, or 0 when no answer came.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the provider's error type or code.</summary>
    public string? ErrorType { get; }

    /// <summary>Gets a value indicating whether retrying later may succeed.</summary>
    public bool IsTransient { get; }
}
