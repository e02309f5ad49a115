namespace Batchata.Emulator.Core;

/// <summary>Order-independent seeded randomness (SplitMix64 over the inputs).</summary>
internal static class Seeded
{
    public static double Unit(int seed, long a, long b)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)a * 0xBF58476D1CE4E5B9UL + (ulong)b * 0x94D049BB133111EBUL + 0x2545F4914F6CDD1DUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Returns a seeded permutation of 0..n-1.</summary>
    public static int[] Permutation(int n, int seed, long salt)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var random = new Random(HashCode.Combine(seed, salt));
        random.Shuffle(order);
        return order;
    }
}
