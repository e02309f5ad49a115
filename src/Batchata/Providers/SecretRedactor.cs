namespace Batchata;

/// <summary>
/// Replaces the configured API keys in text that came from a provider (error bodies, status messages, result
/// lines), so that a key a server or proxy echoes never reaches a file, a log, a message or the console.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What a key is replaced with.</summary>
    public const string Mask = "[REDACTED]";

    /// <summary>Keys shorter than this are not searched for (they would match ordinary text); real keys are far longer.</summary>
    private const int MinLength = 8;

    private readonly string[] _secrets;

    public SecretRedactor(params string?[] secrets)
        => _secrets = secrets.Where(s => s is { Length: >= MinLength }).Select(s => s!).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>A redactor that replaces nothing.</summary>
    public static SecretRedactor None { get; } = new();

    /// <summary>Whether <paramref name="text"/> holds a key.</summary>
    public bool Finds(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text with every key replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        if (!Finds(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
