using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Http;

/// <summary>Streams JSON Lines to a response, flushing in chunks; can cut the stream mid-line to emulate a drop.</summary>
internal sealed class JsonlStream : IDisposable
{
    private const int FlushBytes = 64 * 1024;
    private readonly HttpContext _context;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private readonly Utf8JsonWriter _writer;
    private readonly int _cutAfter;
    private int _lines;

    public JsonlStream(HttpContext context, string contentType, int totalLines, bool truncate)
    {
        _context = context;
        _writer = new Utf8JsonWriter(_buffer);
        _cutAfter = truncate ? totalLines / 2 : -1;
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
    }

    /// <summary>Gets a value indicating whether the stream was cut (stop writing).</summary>
    public bool Cut { get; private set; }

    public async ValueTask WriteLineAsync(Action<Utf8JsonWriter> write)
    {
        if (Cut)
        {
            return;
        }

        var before = _buffer.WrittenCount;
        write(_writer);
        _writer.Flush();
        _writer.Reset(_buffer);
        if (_lines++ == _cutAfter)
        {
            var length = (_buffer.WrittenCount - before) / 2;
            await _context.Response.Body.WriteAsync(_buffer.WrittenMemory[..(before + length)], _context.RequestAborted);
            await _context.Response.Body.FlushAsync(_context.RequestAborted);
            Cut = true;
            _context.Abort();
            return;
        }

        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushBytes)
        {
            await FlushAsync();
        }
    }

    public async ValueTask FlushAsync()
    {
        if (Cut || _buffer.WrittenCount == 0)
        {
            return;
        }

        await _context.Response.Body.WriteAsync(_buffer.WrittenMemory, _context.RequestAborted);
        _buffer.ResetWrittenCount();
    }

    public async ValueTask CompleteAsync()
    {
        if (Cut)
        {
            return;
        }

        if (_cutAfter >= 0 && _lines <= _cutAfter)
        {
            // Too few lines to cut between: drop the connection after a partial body instead.
            var half = _buffer.WrittenCount / 2;
            await _context.Response.Body.WriteAsync(_buffer.WrittenMemory[..half], _context.RequestAborted);
            await _context.Response.Body.FlushAsync(_context.RequestAborted);
            Cut = true;
            _context.Abort();
            return;
        }

        await FlushAsync();
    }

    public void Dispose() => _writer.Dispose();
}
