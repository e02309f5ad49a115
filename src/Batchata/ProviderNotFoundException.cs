namespace Batchata;

/// <summary>Thrown when no provider serves the requested model.</summary>
public sealed class ProviderNotFoundException : BatchataException
{
    /// <summary>Initializes a new instance of the <see cref="ProviderNotFoundException"/> class.</summary>
    public ProviderNotFoundException() { }

    /// <summary>Initializes a new instance of the <see cref="ProviderNotFoundException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ProviderNotFoundException(string message) : base(message) { }

    /// <summary>Initializes a new instance of the <see cref="ProviderNotFoundException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ProviderNotFoundException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Initializes a new instance of the <see cref="ProviderNotFoundException"/> class for a model.</summary>
    /// <param name="model">The model that no provider serves.</param>
    /// <param name="suggestions">Known model ids close to <paramref name="model"/>.</param>
    public ProviderNotFoundException(string model, IReadOnlyList<string> suggestions)
        : base(suggestions.Count == 0
            ? $"No provider serves model '{model}'. Run 'batchata models' to list the known models, or add it to your catalog override."
            : $"No provider serves model '{model}'. Did you mean: {string.Join(", ", suggestions)}?")
    {
        Model = model;
        Suggestions = suggestions;
    }

    /// <summary>Gets the model that was asked for.</summary>
    public string? Model { get; }

    /// <summary>Gets known model ids close to the one asked for.</summary>
    public IReadOnlyList<string> Suggestions { get; } = [];
}
