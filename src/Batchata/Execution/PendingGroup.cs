namespace Batchata;

/// <summary>
/// The pending jobs of one provider (and model): those paged in and queued (<see cref="Ready"/>), and a cursor
/// into the state store for the rest. Guarded by <see cref="RunState"/>'s lock, except the cursor, which only the
/// planner (one thread) moves.
/// </summary>
internal sealed class PendingGroup(string provider, string? model)
{
    public string Provider { get; } = provider;

    /// <summary>The model, or null when the provider mixes models in a batch.</summary>
    public string? Model { get; } = model;

    public Queue<JobState> Ready { get; } = new();

    /// <summary>The store order (seq) of the last job paged in.</summary>
    public long Cursor { get; set; }

    /// <summary>Whether the store has no more pending jobs for this group.</summary>
    public bool Exhausted { get; set; }

    /// <summary>How many pending jobs the store held for this group when the run started (sizes automatic batches).</summary>
    public int StoredCount { get; set; }

    /// <summary>Whether jobs are queued or may still be paged in from the store.</summary>
    public bool HasWork => Ready.Count > 0 || !Exhausted;
}
