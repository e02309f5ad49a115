using System.Buffers;
using System.Text;

namespace Batchata.Emulator.Core;

/// <summary>
/// The outcomes of one batch, kept compactly for the batch's whole life: a provider keeps results for later
/// downloads, so this is what the emulator holds per request. A plain answer (one uncited text block, no error,
/// no tool call: nearly all of them) is a fixed-size entry plus its text as UTF-8 in one shared buffer; any other
/// outcome stays an <see cref="Outcome"/> object. The text all plain answers of the batch begin with (often
/// "Emulated answer: " and the opening of a prompt template) is kept once. <see cref="Get"/> rebuilds an equal
/// <see cref="Outcome"/> on demand.
/// </summary>
internal sealed class OutcomeStore
{
    private readonly Entry[] _entries;
    private readonly byte[] _text;
    private readonly string _prefix;
    private readonly Dictionary<int, Outcome>? _rich;

    private OutcomeStore(Entry[] entries, byte[] text, string prefix, Dictionary<int, Outcome>? rich)
    {
        _entries = entries;
        _text = text;
        _prefix = prefix;
        _rich = rich;
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
    public int Count => _entries.Length;

    /// <summary>Computes the outcomes of requests 0 to <paramref name="count"/> - 1, in order, and stores them compactly.</summary>
    public static OutcomeStore Compute(int count, Func<int, Outcome> compute)
    {
        var builder = new Builder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(compute(i));
        }

        return builder.Build();
    }

    /// <summary>
    /// Stores outcomes one at a time, as they are computed (while a create body is still being read), so that no
    /// more than one request and its outcome are held at once besides the compact entries.
    /// </summary>
    internal sealed class Builder(int capacity = 0)
    {
        private readonly List<Entry> _entries = new(capacity);
        private readonly ArrayBufferWriter<byte> _text = new();
        private Dictionary<int, Outcome>? _rich;
        private Dictionary<string, string>? _shared;

        // The first plain answer's text, and how much of it every plain answer so far began with: an answer is
        // stored without the part of this prefix it shares (the common length at that moment, kept in its entry).
        private string? _prefix;
        private int _common;

        public int Count => _entries.Count;

        public void Add(Outcome outcome)
        {
            var i = _entries.Count;
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

            _entries.Add(new Entry(start, length, shared, outcome.InputTokens, outcome.OutputTokens, outcome.CacheCreationTokens, outcome.CacheReadTokens, outcome.Stop, flags));
        }

        public OutcomeStore Build() => new([.. _entries], _text.WrittenSpan.ToArray(), _prefix ?? "", _rich);
    }

    /// <summary>Whether request <paramref name="index"/> ended in an error.</summary>
    public bool IsError(int index) => (_entries[index].Flags & Flags.Error) != 0;

    /// <summary>Gets the total prompt tokens of request <paramref name="index"/>, including cached ones.</summary>
    public int InputTokens(int index) => _entries[index].InputTokens;

    /// <summary>Gets the cached prompt tokens read by request <paramref name="index"/>.</summary>
    public int CacheReadTokens(int index) => _entries[index].CacheReadTokens;

    /// <summary>Gets the output tokens of request <paramref name="index"/>.</summary>
    public int OutputTokens(int index) => _entries[index].OutputTokens;

    /// <summary>Gets the outcome of request <paramref name="index"/> (rebuilt for plain answers; equal to the computed one).</summary>
    public Outcome Get(int index)
    {
        var entry = _entries[index];
        if ((entry.Flags & Flags.Rich) != 0)
        {
            return _rich![index];
        }

        return new Outcome
        {
            Blocks = [new AnswerBlock(string.Concat(_prefix.AsSpan(0, entry.PrefixLength), Encoding.UTF8.GetString(_text, entry.TextStart, entry.TextLength)))],
            Stop = entry.Stop,
            IsJson = (entry.Flags & Flags.Json) != 0,
            InputTokens = entry.InputTokens,
            CacheCreationTokens = entry.CacheCreationTokens,
            CacheTtl1h = (entry.Flags & Flags.CacheTtl1h) != 0,
            CacheReadTokens = entry.CacheReadTokens,
            OutputTokens = entry.OutputTokens,
        };
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

    /// <summary>One outcome without references: the text range in the shared buffer, how much of the batch's first answer it begins with, the token counts and flags.</summary>
    private readonly record struct Entry(int TextStart, int TextLength, int PrefixLength, int InputTokens, int OutputTokens, int CacheCreationTokens, int CacheReadTokens, StopKind Stop, Flags Flags);
}
