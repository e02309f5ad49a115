using System.Collections;

namespace Batchata;

/// <summary>
/// The job ids of a <see cref="Batch"/> in the order they were added, with the case-insensitive membership test
/// that refuses a duplicate id at <c>AddJob</c>, in about 28 bytes an id (a million ids: 28 MB, against 122 MB as a
/// list and a <see cref="HashSet{T}"/> of strings): the ids are packed as ASCII (<see cref="PackedAsciiStrings"/>),
/// and an open-addressing table keeps one 8-byte slot per id, a 32-bit hash of the case-folded id and the id's
/// position.
/// </summary>
/// <remarks>
/// The hash only picks candidates: a slot whose hash matches is confirmed by comparing the packed id itself, so two
/// distinct ids whose hashes collide are both accepted, and a test can force collisions with its own hash function.
/// Ids are ASCII by the job id rule (<c>[A-Za-z0-9_-]{1,64}</c>). Not thread-safe, as a <see cref="Batch"/> is not.
/// </remarks>
internal sealed class JobIdSet : IReadOnlyCollection<string>
{
    private const int InitialSlots = 1024;

    private readonly PackedAsciiStrings _ids = new();
    private readonly Func<string, int> _hash;
    private ulong[] _slots = new ulong[InitialSlots]; // (hash << 32) | (position + 1); 0 is an empty slot

    /// <param name="hash">
    /// The hash of an id, equal for ids that differ only in case; <see cref="string.GetHashCode(StringComparison)"/>
    /// with <see cref="StringComparison.OrdinalIgnoreCase"/> when null (tests pass a constant to force collisions).
    /// </param>
    public JobIdSet(Func<string, int>? hash = null)
    {
        _hash = hash ?? (id => id.GetHashCode(StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The number of ids.</summary>
    public int Count => _ids.Count;

    /// <summary>Whether an id equal to <paramref name="id"/>, ignoring case, was added.</summary>
    public bool Contains(string id) => Find(id, out _);

    /// <summary>Adds <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">The id is in the set already (ignoring case), or is empty, longer than 255 characters or not ASCII.</exception>
    public void Add(string id)
    {
        if ((long)(_ids.Count + 1) * 4 > (long)_slots.Length * 3)
        {
            Grow();
        }

        if (Find(id, out var free))
        {
            throw new ArgumentException($"The id '{id}' is in the set already.", nameof(id));
        }

        var position = _ids.Append(id);
        _slots[free] = Slot(_hash(id), position);
    }

    /// <summary>The ids in the order they were added.</summary>
    public IEnumerator<string> GetEnumerator() => _ids.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static ulong Slot(int hash, int position) => ((ulong)(uint)hash << 32) | (uint)(position + 1);

    /// <summary>Probes for <paramref name="id"/>: true when found; otherwise <paramref name="free"/> is the empty slot that ends its probe.</summary>
    private bool Find(string id, out int free)
    {
        var hash = (uint)_hash(id);
        var mask = _slots.Length - 1;
        for (var i = (int)(Mix(hash) & (uint)mask); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == 0)
            {
                free = i;
                return false;
            }

            if ((uint)(slot >> 32) == hash && _ids.EqualsIgnoreCase((int)(uint)slot - 1, id))
            {
                free = -1;
                return true;
            }
        }
    }

    /// <summary>Doubles the table and re-inserts every slot (their hashes are kept, so no id is hashed again).</summary>
    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot == 0)
            {
                continue;
            }

            var i = (int)(Mix((uint)(slot >> 32)) & (uint)mask);
            while (_slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = slot;
        }
    }

    /// <summary>Spreads the hash's bits over the low ones that pick the slot (a weak hash, such as a test's, still probes well).</summary>
    private static uint Mix(uint hash) => (hash * 0x9E3779B1u) ^ (hash >> 15);
}
