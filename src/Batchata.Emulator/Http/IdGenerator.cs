namespace Batchata.Emulator.Http;

/// <summary>Seeded, unique ids (base62).</summary>
internal sealed class IdGenerator(int seed)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private readonly Random _random = new(seed ^ 0x5A5A5A);
    private readonly object _gate = new();

    public string Next(string prefix, int length = 24, bool lowerOnly = false)
    {
        Span<char> chars = stackalloc char[length];
        lock (_gate)
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = lowerOnly ? Alphabet[_random.Next(36)] : Alphabet[_random.Next(Alphabet.Length)];
            }
        }

        var id = new string(chars);
        return prefix + (lowerOnly ? id.ToLowerInvariant() : id);
    }
}
