namespace Batchata.Emulator.Http;

/// <summary>Decides, from a seeded sequence, which API calls get a transient fault.</summary>
internal sealed class FaultInjector(int seed, FaultOptions options)
{
    private static readonly FaultKind[] Kinds = [FaultKind.RateLimited, FaultKind.ServerError, FaultKind.Unavailable, FaultKind.Overloaded, FaultKind.Abort];
    private readonly Random _random = new(seed);
    private readonly object _gate = new();

    /// <summary>The fault for one call, <paramref name="endpoint"/> being "METHOD /path".</summary>
    public FaultKind Next(string endpoint)
    {
        var rate = options.TransientFailureRate;
        if (rate <= 0 || !Applies(endpoint))
        {
            return FaultKind.None;
        }

        lock (_gate)
        {
            var roll = _random.NextDouble();
            var kind = Kinds[_random.Next(Kinds.Length)];
            kind = options.TransientStatus switch
            {
                429 => FaultKind.RateLimited,
                500 => FaultKind.ServerError,
                503 => FaultKind.Unavailable,
                529 => FaultKind.Overloaded,
                _ => kind,
            };
            return roll < rate ? kind : FaultKind.None;
        }
    }

    /// <summary>Whether this call stalls: accepted, never answered (see <see cref="FaultOptions.StalledEndpoints"/>).</summary>
    public bool Stalls(string method, string path)
    {
        if (options.StallRate > 0)
        {
            lock (_gate)
            {
                if (_random.NextDouble() < options.StallRate)
                {
                    return true;
                }
            }
        }

        if (options.StalledEndpoints is not { Count: > 0 } endpoints)
        {
            return false;
        }

        foreach (var entry in endpoints)
        {
            var space = entry.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0 || !entry.AsSpan(0, space).Equals(method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var pattern = entry[(space + 1)..];
            if (pattern.StartsWith('*') ? path.EndsWith(pattern[1..], StringComparison.Ordinal) : path.StartsWith(pattern, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether this batch create succeeds but its answer is lost (seeded, see <see cref="FaultOptions.LostCreateAnswerRate"/>).</summary>
    public bool LoseCreateAnswer()
    {
        var rate = options.LostCreateAnswerRate;
        if (rate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }

    private bool Applies(string endpoint)
    {
        if (options.Endpoints is not { Count: > 0 } endpoints)
        {
            return true;
        }

        foreach (var prefix in endpoints)
        {
            if (endpoint.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
