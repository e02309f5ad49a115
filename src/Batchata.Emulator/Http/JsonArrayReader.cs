using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Batchata.Emulator.Http;

/// <summary>
/// Reads the items of one array property of a JSON object body (<c>{"requests": [...]}</c>) as they arrive, one item
/// at a time: a 100,000-request create body (20 MB and more) is never held or parsed whole. Each item is handed to
/// the caller as a <see cref="JsonElement"/> that lives only for the call; other properties are skipped.
/// </summary>
internal static class JsonArrayReader
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>How a body turned out.</summary>
    public enum Shape
    {
        /// <summary>A JSON object whose property was an array; every item was handed over.</summary>
        Array,

        /// <summary>Valid JSON without the array (not an object, no such property, or not an array).</summary>
        Missing,

        /// <summary>Not valid JSON (items handed over before the fault stand; the caller discards them).</summary>
        Invalid,
    }

    /// <summary>Reads <paramref name="body"/>, calling <paramref name="onItem"/> for each item of the array property <paramref name="property"/>, in order.</summary>
    public static async Task<Shape> ReadAsync(Stream body, string property, Action<JsonElement> onItem, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            var parser = new Parser(Encoding.UTF8.GetBytes(property));
            var filled = 0;
            var final = false;
            while (true)
            {
                if (!final)
                {
                    if (filled == buffer.Length)
                    {
                        // One item larger than the buffer (a request with a large document): grow to hold it.
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    final = read == 0;
                    filled += read;
                }

                int consumed;
                try
                {
                    consumed = parser.Feed(buffer.AsSpan(0, filled), final, onItem);
                }
                catch (JsonException)
                {
                    return Shape.Invalid;
                }

                if (parser.Result is { } result)
                {
                    return result;
                }

                if (final)
                {
                    return Shape.Invalid; // the body ended inside the JSON
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The reader's position between buffers: its state and where in the document it is.</summary>
    private sealed class Parser(byte[] property)
    {
        private JsonReaderState _state;
        private Stage _stage;
        private bool _found;

        private enum Stage
        {
            Start,
            Properties,
            SkipValue,
            ArrayStart,
            Items,
        }

        public Shape? Result { get; private set; }

        /// <summary>Consumes what it can of <paramref name="data"/>; returns how many bytes it consumed.</summary>
        public int Feed(ReadOnlySpan<byte> data, bool final, Action<JsonElement> onItem)
        {
            var reader = new Utf8JsonReader(data, final, _state);
            while (Result is null)
            {
                // Where to resume when a token or an item is not complete in this buffer.
                var checkpoint = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                if (!reader.Read())
                {
                    _state = checkpoint;
                    return consumed;
                }

                switch (_stage)
                {
                    case Stage.Start:
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            Result = Shape.Missing;
                            break;
                        }

                        _stage = Stage.Properties;
                        break;
                    case Stage.Properties:
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            Result = _found ? Shape.Array : Shape.Missing;
                            break;
                        }

                        _stage = !_found && reader.ValueTextEquals(property) ? Stage.ArrayStart : Stage.SkipValue;
                        break;
                    case Stage.SkipValue:
                        if (!reader.TrySkip())
                        {
                            _state = checkpoint;
                            return consumed;
                        }

                        _stage = Stage.Properties;
                        break;
                    case Stage.ArrayStart:
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            Result = Shape.Missing;
                            break;
                        }

                        _found = true;
                        _stage = Stage.Items;
                        break;
                    case Stage.Items:
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _stage = Stage.Properties;
                            break;
                        }

                        if (!JsonDocument.TryParseValue(ref reader, out var item))
                        {
                            _state = checkpoint;
                            return consumed;
                        }

                        using (item)
                        {
                            onItem(item.RootElement);
                        }

                        break;
                }
            }

            return (int)reader.BytesConsumed;
        }
    }
}
