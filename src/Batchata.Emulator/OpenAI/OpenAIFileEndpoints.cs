using System.Buffers;
using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Batchata.Emulator.OpenAI;

/// <summary><c>/v1/files</c>: upload (multipart), list, retrieve, content, delete.</summary>
internal sealed class OpenAIFileEndpoints(EmulatorState state, OpenAIStore store)
{
    private const long MaxBatchInputBytes = 200L * 1024 * 1024;
    private static readonly FormOptions Form = new() { MultipartBodyLengthLimit = 512L * 1024 * 1024, ValueLengthLimit = int.MaxValue };

    public async Task HandleAsync(HttpContext context, string[] parts)
    {
        var method = context.Request.Method;
        if (parts.Length == 2)
        {
            if (HttpMethods.IsPost(method))
            {
                await UploadAsync(context);
            }
            else
            {
                await ListAsync(context);
            }

            return;
        }

        var file = store.File(parts[2]);
        if (file is null)
        {
            await OpenAIHandler.Error(context, 404, $"No such File object: {parts[2]}", "invalid_request_error", "id", null);
            return;
        }

        if (parts.Length == 4 && parts[3] == "content" && HttpMethods.IsGet(method))
        {
            await ContentAsync(context, file);
        }
        else if (parts.Length == 3 && HttpMethods.IsDelete(method))
        {
            store.Delete(file);
            await JsonReply.WriteAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("id", file.Id);
                w.WriteString("object", "file");
                w.WriteBoolean("deleted", true);
                w.WriteEndObject();
            });
        }
        else
        {
            EnsureBytes(file);
            await JsonReply.WriteAsync(context, 200, w => OpenAIWriter.File(w, file));
        }
    }

    private async Task UploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await OpenAIHandler.Error(context, 400, "The request must be multipart/form-data.", "invalid_request_error", null, null);
            return;
        }

        var form = await context.Request.ReadFormAsync(Form, context.RequestAborted);
        var purpose = form["purpose"].ToString();
        var upload = form.Files.GetFile("file");
        if (upload is null)
        {
            await OpenAIHandler.Error(context, 400, "Missing required parameter: 'file'.", "invalid_request_error", "file", null);
            return;
        }

        if (purpose != "batch")
        {
            await OpenAIHandler.Error(context, 400, $"'{purpose}' is not one of ['batch'] - 'purpose' (the emulator accepts batch input files only).", "invalid_request_error", "purpose", null);
            return;
        }

        if (!upload.FileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            await OpenAIHandler.Error(context, 400, "Invalid file format for Batch API. Must be .jsonl", "invalid_request_error", "file", null);
            return;
        }

        if (upload.Length > MaxBatchInputBytes)
        {
            await OpenAIHandler.Error(context, 400, "File is too large for the Batch API: the maximum size is 200 MB.", "invalid_request_error", "file", null);
            return;
        }

        var bytes = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, context.RequestAborted);
        }

        var file = new OpenAIFile { Id = state.Ids.Next("file-emu"), FileName = upload.FileName, Purpose = purpose, CreatedAt = state.Clock.GetUtcNow(), Content = PackedBytes.Pack(bytes), Bytes = bytes.Length };
        store.Add(file);
        await JsonReply.WriteAsync(context, 200, w => OpenAIWriter.File(w, file));
    }

    private async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var files = store.Files().Where(f => query["purpose"].ToString() is not { Length: > 0 } p || f.Purpose == p).ToList();
        if (query["order"] == "asc")
        {
            files.Reverse();
        }

        if (query["after"].ToString() is { Length: > 0 } after)
        {
            files = files.SkipWhile(f => f.Id != after).Skip(1).ToList();
        }

        var limit = int.TryParse(query["limit"], out var l) ? Math.Clamp(l, 1, 10_000) : 10_000;
        var page = files.Take(limit).ToList();
        page.ForEach(EnsureBytes);
        await JsonReply.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            page.ForEach(f => OpenAIWriter.File(w, f));
            w.WriteEndArray();
            w.WriteNullableString("first_id", page.FirstOrDefault()?.Id);
            w.WriteNullableString("last_id", page.LastOrDefault()?.Id);
            w.WriteBoolean("has_more", files.Count > page.Count);
            w.WriteEndObject();
        });
    }

    private async Task ContentAsync(HttpContext context, OpenAIFile file)
    {
        if (file.Content is { } content)
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = content.Length;
            await using var original = content.OpenRead();
            await original.CopyToAsync(context.Response.Body, context.RequestAborted);
            return;
        }

        var batch = file.Source!;
        var now = state.Clock.GetUtcNow();
        var order = state.ShuffledOrder(batch.Core).Where(i => OpenAIResultWriter.InErrorFile(batch, i, now) == file.IsErrorFile).ToArray();
        using var stream = new JsonlStream(context, "application/octet-stream", order.Length, state.ShouldTruncate("openai:" + file.Id));
        foreach (var index in order)
        {
            await stream.WriteLineAsync(w => OpenAIResultWriter.Line(w, batch, index, now));
            if (stream.Cut)
            {
                return;
            }
        }

        await stream.CompleteAsync();
    }

    private void EnsureBytes(OpenAIFile file)
    {
        if (file.Bytes > 0 || file.Source is not { } batch)
        {
            return;
        }

        var now = state.Clock.GetUtcNow();
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        long total = 0;
        for (var i = 0; i < batch.Core.Count; i++)
        {
            if (OpenAIResultWriter.InErrorFile(batch, i, now) == file.IsErrorFile)
            {
                OpenAIResultWriter.Line(writer, batch, i, now);
                writer.Flush();
                total += buffer.WrittenCount + 1;
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
            }
        }

        file.Bytes = total;
    }
}
