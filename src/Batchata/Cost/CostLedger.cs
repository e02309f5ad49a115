namespace Batchata;

/// <summary>
/// Tracks spend against the cost limit. A job's worst-case cost is reserved before its batch is submitted;
/// when its result arrives the reservation is replaced by the actual cost. Because nothing is submitted
/// without a reservation that fits, spend never exceeds the limit. Thread-safe.
/// </summary>
internal sealed class CostLedger
{
    private readonly Lock _gate = new();
    private decimal _spent;
    private decimal _reserved;

    public CostLedger(decimal? limit, decimal alreadySpent)
    {
        Limit = limit;
        _spent = alreadySpent;
    }

    /// <summary>The limit in USD, or null for none.</summary>
    public decimal? Limit { get; }

    /// <summary>The actual cost of settled jobs.</summary>
    public decimal Spent
    {
        get
        {
            lock (_gate)
            {
                return _spent;
            }
        }
    }

    /// <summary>The worst-case cost reserved for jobs still in flight.</summary>
    public decimal Reserved
    {
        get
        {
            lock (_gate)
            {
                return _reserved;
            }
        }
    }

    /// <summary>Reserves <paramref name="amount"/> if it fits under the limit.</summary>
    public bool TryReserve(decimal amount)
    {
        lock (_gate)
        {
            if (Limit is { } limit && _spent + _reserved + amount > limit)
            {
                return false;
            }

            _reserved += amount;
            return true;
        }
    }

    /// <summary>Reserves <paramref name="amount"/> whatever the limit (for work already submitted before a resume).</summary>
    public void ForceReserve(decimal amount)
    {
        lock (_gate)
        {
            _reserved += amount;
        }
    }

    /// <summary>Replaces a reservation by the actual cost.</summary>
    public void Settle(decimal reserved, decimal actual)
    {
        lock (_gate)
        {
            _reserved = Math.Max(0, _reserved - reserved);
            _spent += actual;
        }
    }
}
