using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Batchata;

/// <summary>Writes one request line with a per-thread reused buffer and writer (the encoders run 100k times per run).</summary>
internal static class JsonLineWriter
{
    /// <summary>Relaxed escaping: base64 '+' and '/' and non-ASCII text stay as they are (smaller lines).</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Runs <paramref name="write"/> on a reset writer and returns the bytes written.</summary>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, Options);
        }
        else
        {
            writer.Reset(buffer);
        }
        try
        {
            write(writer, state);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        catch
        {
            t_buffer = null;
            t_writer = null;
            throw;
        }
        finally
        {
            if (buffer.Capacity > 4 * 1024 * 1024)
            {
                // Do not keep a file-sized buffer alive per thread.
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}
