using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Batchata.Emulator.Core;

/// <summary>
/// The outcomes of one batch, kept compactly for the batch's whole life: a provider keeps results for later
/// downloads, so this is what the emulator holds per request. A plain answer (one uncited text block, no error,
/// no tool call: nearly all of them) is a fixed-size entry plus its text as UTF-8; any other outcome stays an
/// <see cref="Outcome"/> object. The text all plain answers of the batch begin with (often "Emulated answer: " and
/// the opening of a prompt template) is kept once. <see cref="Get"/> rebuilds an equal <see cref="Outcome"/> on demand.
/// </summary>
/// <remarks>
/// Built with an <see cref="OutcomeSpill"/> (as every emulator batch is), the entries and texts go to that file and
/// memory keeps only where they are, the shared prefix, the rare other outcomes and the batch's totals (what status
/// polls and usage need), so an emulator's memory does not grow with the requests it has answered. Without one
/// (tests), they stay in two byte arrays.
/// </remarks>
internal sealed class OutcomeStore
{
    private const int EntrySize = 32;

    /// <summary>How many outcomes apart the running totals are kept, so that a partial sum reads at most this many entries back.</summary>
    private const int SumEvery = 2048;

    private readonly byte[]? _entries; // in memory, when not spilled
    private readonly byte[]? _text;
    private readonly OutcomeSpill? _spill;
    private readonly long _entriesAt; // in the spill file
    private readonly long _textAt;
    private readonly string _prefix;
    private readonly Dictionary<int, Outcome>? _rich;
    private readonly OutcomeTotals _totals;
    private readonly OutcomeTotals[] _runningTotals; // after every SumEvery outcomes

    private OutcomeStore(int count, byte[]? entries, byte[]? text, OutcomeSpill? spill, long entriesAt, long textAt, string prefix, Dictionary<int, Outcome>? rich, OutcomeTotals totals, OutcomeTotals[] runningTotals)
    {
        Count = count;
        _entries = entries;
        _text = text;
        _spill = spill;
        _entriesAt = entriesAt;
        _textAt = textAt;
        _prefix = prefix;
        _rich = rich;
        _totals = totals;
        _runningTotals = runningTotals;
    }

    [Flags]
    private enum Flags : byte
    {
        None = 0,
        Error = 1,
        Rich = 2,
        Json = 4,
        CacheTtl1h = 8,
    }

    /// <summary>Gets the number of outcomes.</summary>
    public int Count { get; }

    /// <summary>Computes the outcomes of requests 0 to <paramref name="count"/> - 1, in order, and stores them compactly (in <paramref name="spill"/> when given).</summary>
    public static OutcomeStore Compute(int count, Func<int, Outcome> compute, OutcomeSpill? spill = null)
    {
        var builder = new Builder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(compute(i));
        }

        return builder.Build(spill);
    }

    /// <summary>
    /// Stores outcomes one at a time, as they are computed (while a create body is still being read), so that no
    /// more than one request and its outcome are held at once besides the compact entries.
    /// </summary>
    internal sealed class Builder(int capacity = 0)
    {
        private readonly ArrayBufferWriter<byte> _entries = new(Math.Max(1, capacity) * EntrySize);
        private readonly ArrayBufferWriter<byte> _text = new();
        private Dictionary<int, Outcome>? _rich;
        private Dictionary<string, string>? _shared;
        private readonly List<OutcomeTotals> _runningTotals = [];
        private OutcomeTotals _totals;

        // The first plain answer's text, and how much of it every plain answer so far began with: an answer is
        // stored without the part of this prefix it shares (the common length at that moment, kept in its entry).
        private string? _prefix;
        private int _common;

        public int Count { get; private set; }

        public void Add(Outcome outcome)
        {
            var i = Count++;
            var flags = (outcome.IsJson ? Flags.Json : Flags.None) | (outcome.CacheTtl1h ? Flags.CacheTtl1h : Flags.None);
            int start = 0, length = 0, shared = 0;
            if (outcome.IsError)
            {
                // Error outcomes repeat the same few types and messages: one instance of each per batch.
                _shared ??= new Dictionary<string, string>(StringComparer.Ordinal);
                outcome = new Outcome
                {
                    ErrorType = Share(_shared, outcome.ErrorType),
                    ErrorMessage = Share(_shared, outcome.ErrorMessage),
                    ErrorCode = Share(_shared, outcome.ErrorCode),
                    ErrorParam = Share(_shared, outcome.ErrorParam),
                    ErrorStatus = outcome.ErrorStatus,
                };
                (_rich ??= [])[i] = outcome;
                flags |= Flags.Error | Flags.Rich;
            }
            else if (!IsPlain(outcome))
            {
                (_rich ??= [])[i] = outcome;
                flags |= Flags.Rich;
            }
            else
            {
                var text = outcome.Blocks[0].Text;
                if (_prefix is null)
                {
                    _prefix = text;
                    _common = text.Length;
                }
                else
                {
                    _common = CommonPrefixLength(_prefix.AsSpan(0, _common), text);
                }

                shared = _common;
                start = _text.WrittenCount;
                length = (int)Encoding.UTF8.GetBytes(text.AsSpan(shared), _text);
            }

            _totals = _totals.With(outcome.IsError, outcome.InputTokens, outcome.CacheReadTokens, outcome.OutputTokens);
            if (Count % SumEvery == 0)
            {
                _runningTotals.Add(_totals);
            }

            new Entry(start, length, shared, outcome.InputTokens, outcome.OutputTokens, outcome.CacheCreationTokens, outcome.CacheReadTokens, outcome.Stop, flags)
                .Write(_entries.GetSpan(EntrySize));
            _entries.Advance(EntrySize);
        }

        /// <summary>The store: its entries and texts appended to <paramref name="spill"/> when given, else kept in memory.</summary>
        public OutcomeStore Build(OutcomeSpill? spill = null)
        {
            if (spill is null)
            {
                return new(Count, _entries.WrittenSpan.ToArray(), _text.WrittenSpan.ToArray(), null, 0, 0, _prefix ?? "", _rich, _totals, [.. _runningTotals]);
            }

            var at = spill.Append(_entries.WrittenSpan, _text.WrittenSpan);
            return new(Count, null, null, spill, at, at + _entries.WrittenCount, _prefix ?? "", _rich, _totals, [.. _runningTotals]);
        }
    }

    /// <summary>
    /// Sums the first <paramref name="count"/> outcomes (the finished ones): errors, and the tokens of the
    /// succeeded ones. The totals were kept while the store was built, every <see cref="SumEvery"/> outcomes, so at
    /// most that many entries are read back.
    /// </summary>
    public OutcomeTotals Sum(int count)
    {
        if (count >= Count)
        {
            return _totals;
        }

        var kept = count / SumEvery;
        var totals = kept > 0 ? _runningTotals[kept - 1] : default;
        var first = kept * SumEvery;
        if (first == count)
        {
            return totals;
        }

        var bytes = (count - first) * EntrySize;
        var rented = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            var span = rented.AsSpan(0, bytes);
            ReadEntries(first, span);
            for (var at = 0; at < span.Length; at += EntrySize)
            {
                var entry = Entry.Read(span[at..]);
                totals = totals.With(entry.IsError, entry.InputTokens, entry.CacheReadTokens, entry.OutputTokens);
            }

            return totals;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Whether request <paramref name="index"/> ended in an error.</summary>
    public bool IsError(int index) => (_rich?.TryGetValue(index, out var rich) ?? false) && rich.IsError;

    /// <summary>Gets the outcome of request <paramref name="index"/> (rebuilt for plain answers; equal to the computed one).</summary>
    public Outcome Get(int index)
    {
        if (_rich is not null && _rich.TryGetValue(index, out var rich))
        {
            return rich;
        }

        Span<byte> bytes = stackalloc byte[EntrySize];
        ReadEntries(index, bytes);
        var entry = Entry.Read(bytes);
        return new Outcome
        {
            Blocks = [new AnswerBlock(string.Concat(_prefix.AsSpan(0, entry.PrefixLength), ReadText(entry)))],
            Stop = entry.Stop,
            IsJson = (entry.Flags & Flags.Json) != 0,
            InputTokens = entry.InputTokens,
            CacheCreationTokens = entry.CacheCreationTokens,
            CacheTtl1h = (entry.Flags & Flags.CacheTtl1h) != 0,
            CacheReadTokens = entry.CacheReadTokens,
            OutputTokens = entry.OutputTokens,
        };
    }

    /// <summary>Reads the entries from <paramref name="first"/> on into <paramref name="destination"/> (a whole number of entries).</summary>
    private void ReadEntries(int first, Span<byte> destination)
    {
        if (_entries is not null)
        {
            _entries.AsSpan(first * EntrySize, destination.Length).CopyTo(destination);
        }
        else
        {
            _spill!.Read(_entriesAt + ((long)first * EntrySize), destination);
        }
    }

    /// <summary>The stored text of a plain answer (without the shared prefix).</summary>
    private string ReadText(Entry entry)
    {
        if (_text is not null)
        {
            return Encoding.UTF8.GetString(_text, entry.TextStart, entry.TextLength);
        }

        var rented = ArrayPool<byte>.Shared.Rent(entry.TextLength);
        try
        {
            var bytes = rented.AsSpan(0, entry.TextLength);
            _spill!.Read(_textAt + entry.TextStart, bytes);
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Whether an outcome is a plain answer: one uncited text block, no error, no tool call.</summary>
    private static bool IsPlain(Outcome outcome) =>
        !outcome.IsError && outcome.ToolInput is null && outcome.ToolName is null && outcome.Blocks.Count == 1 && outcome.Blocks[0].Citation is null;

    /// <summary>The length of the longest common prefix of two strings that does not end inside a surrogate pair.</summary>
    private static int CommonPrefixLength(ReadOnlySpan<char> prefix, string text)
    {
        var length = prefix.CommonPrefixLength(text);
        if (length > 0 && char.IsHighSurrogate(prefix[length - 1]))
        {
            length--;
        }

        return length;
    }

    private static string? Share(Dictionary<string, string> shared, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (shared.TryGetValue(value, out var existing))
        {
            return existing;
        }

        shared[value] = value;
        return value;
    }

    /// <summary>
    /// One outcome without references, stored as <see cref="EntrySize"/> little-endian bytes: the text range in the
    /// batch's text, how much of the batch's first answer it begins with, the token counts and flags.
    /// </summary>
    private readonly record struct Entry(int TextStart, int TextLength, int PrefixLength, int InputTokens, int OutputTokens, int CacheCreationTokens, int CacheReadTokens, StopKind Stop, Flags Flags)
    {
        public bool IsError => (Flags & Flags.Error) != 0;

        public static Entry Read(ReadOnlySpan<byte> b) => new(
            BinaryPrimitives.ReadInt32LittleEndian(b),
            BinaryPrimitives.ReadInt32LittleEndian(b[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(b[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(b[12..]),
            BinaryPrimitives.ReadInt32LittleEndian(b[16..]),
            BinaryPrimitives.ReadInt32LittleEndian(b[20..]),
            BinaryPrimitives.ReadInt32LittleEndian(b[24..]),
            (StopKind)b[28],
            (Flags)b[29]);

        public void Write(Span<byte> b)
        {
            BinaryPrimitives.WriteInt32LittleEndian(b, TextStart);
            BinaryPrimitives.WriteInt32LittleEndian(b[4..], TextLength);
            BinaryPrimitives.WriteInt32LittleEndian(b[8..], PrefixLength);
            BinaryPrimitives.WriteInt32LittleEndian(b[12..], InputTokens);
            BinaryPrimitives.WriteInt32LittleEndian(b[16..], OutputTokens);
            BinaryPrimitives.WriteInt32LittleEndian(b[20..], CacheCreationTokens);
            BinaryPrimitives.WriteInt32LittleEndian(b[24..], CacheReadTokens);
            b[28] = (byte)Stop;
            b[29] = (byte)Flags;
            b[30] = 0;
            b[31] = 0;
        }
    }
}
