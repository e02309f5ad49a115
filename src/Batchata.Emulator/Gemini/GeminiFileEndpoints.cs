using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Batchata.Emulator.Core;
using Batchata.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Gemini;

/// <summary>Resumable upload, file metadata and result downloads.</summary>
internal sealed class GeminiFileEndpoints(EmulatorState state, GeminiStore store)
{
    public async Task UploadAsync(HttpContext context)
    {
        var command = context.Request.Headers["X-Goog-Upload-Command"].ToString().ToLowerInvariant();
        var uploadId = context.Request.Query["upload_id"].ToString();
        if (command.Contains("start", StringComparison.Ordinal))
        {
            using var body = await JsonReply.TryReadJsonAsync(context);
            var file = body?.RootElement.TryGetProperty("file", out var f) == true ? f : default;
            var upload = new GeminiUpload
            {
                Id = state.Ids.Next("emu", 16, lowerOnly: true),
                DisplayName = file.ValueKind == JsonValueKind.Object ? file.GetStringOrNull("display_name") ?? file.GetStringOrNull("displayName") : null,
                MimeType = context.Request.Headers["X-Goog-Upload-Header-Content-Type"].ToString() is { Length: > 0 } mime ? mime : "application/octet-stream",
                ExpectedLength = long.TryParse(context.Request.Headers["X-Goog-Upload-Header-Content-Length"], out var n) ? n : null,
            };
            store.Uploads[upload.Id] = upload;
            context.Response.Headers["X-Goog-Upload-URL"] = new Uri(state.BaseUrl, $"upload/v1beta/files?upload_id={upload.Id}&upload_protocol=resumable").ToString();
            context.Response.Headers["X-Goog-Upload-Status"] = "active";
            context.Response.StatusCode = 200;
            return;
        }

        if (uploadId.Length == 0 || !store.Uploads.TryGetValue(uploadId, out var session))
        {
            await GeminiHandler.Error(context, 400, "INVALID_ARGUMENT", "Unknown or missing upload session.");
            return;
        }

        var offset = long.TryParse(context.Request.Headers["X-Goog-Upload-Offset"], out var o) ? o : session.Received.Length;
        if (offset != session.Received.Length)
        {
            await GeminiHandler.Error(context, 400, "INVALID_ARGUMENT", $"Upload offset {offset} does not match the {session.Received.Length} bytes received.");
            return;
        }

        await context.Request.Body.CopyToAsync(session.Received, context.RequestAborted);
        context.Response.Headers["X-Goog-Upload-Size-Received"] = GeminiWriter.Str(session.Received.Length);
        if (!command.Contains("finalize", StringComparison.Ordinal))
        {
            context.Response.Headers["X-Goog-Upload-Status"] = "active";
            context.Response.StatusCode = 200;
            return;
        }

        store.Uploads.TryRemove(uploadId, out _);
        var content = session.Received.ToArray();
        var stored = new GeminiFile
        {
            Id = session.Id,
            DisplayName = session.DisplayName,
            MimeType = session.MimeType,
            CreatedAt = state.Clock.GetUtcNow(),
            Content = PackedBytes.Pack(content),
            SizeBytes = content.Length,
            Sha256 = Convert.ToBase64String(SHA256.HashData(content)),
        };
        store.Files[stored.Id] = stored;
        context.Response.Headers["X-Goog-Upload-Status"] = "final";
        await JsonReply.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("file");
            GeminiWriter.File(w, stored, state.BaseUrl);
            w.WriteEndObject();
        });
    }

    /// <summary>Handles <c>/v1beta/files[/{id}[:download]]</c>.</summary>
    public async Task HandleAsync(HttpContext context, string path)
    {
        var rest = path.Length > "/v1beta/files".Length ? path["/v1beta/files/".Length..] : "";
        var download = rest.EndsWith(":download", StringComparison.Ordinal);
        var id = download ? rest[..^":download".Length] : rest;
        if (id.Length == 0)
        {
            var files = store.Files.Values.OrderByDescending(f => f.CreatedAt).ToList();
            await JsonReply.WriteAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("files");
                files.ForEach(f => GeminiWriter.File(w, f, state.BaseUrl));
                w.WriteEndArray();
                w.WriteEndObject();
            });
            return;
        }

        if (!store.Files.TryGetValue(id, out var file))
        {
            await GeminiHandler.Error(context, 404, "NOT_FOUND", $"File {id} not found.");
            return;
        }

        if (HttpMethods.IsDelete(context.Request.Method))
        {
            store.Files.TryRemove(id, out _);
            await JsonReply.WriteAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteEndObject();
            });
            return;
        }

        if (!download)
        {
            EnsureSize(file);
            await JsonReply.WriteAsync(context, 200, w => GeminiWriter.File(w, file, state.BaseUrl));
            return;
        }

        if (file.Source is not { } batch)
        {
            await GeminiHandler.Error(context, 400, "INVALID_ARGUMENT", "Only generated files can be downloaded; this file was uploaded.");
            return;
        }

        var now = state.Clock.GetUtcNow();
        using var stream = new JsonlStream(context, "application/octet-stream", batch.Core.Count, state.ShouldTruncate("gemini:" + file.Id));
        for (var i = 0; i < batch.Core.Count; i++)
        {
            var index = i;
            await stream.WriteLineAsync(w => Line(w, batch, index, now));
            if (stream.Cut)
            {
                return;
            }
        }

        await stream.CompleteAsync();
    }

    private static void Line(Utf8JsonWriter w, GeminiBatch batch, int index, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("key", batch.Core.CustomIds[index]);
        GeminiWriter.Result(w, batch, index, now);
        w.WriteEndObject();
    }

    private void EnsureSize(GeminiFile file)
    {
        if (file.SizeBytes > 0 || file.Source is not { } batch)
        {
            return;
        }

        var now = state.Clock.GetUtcNow();
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        long total = 0;
        for (var i = 0; i < batch.Core.Count; i++)
        {
            Line(writer, batch, i, now);
            writer.Flush();
            total += buffer.WrittenCount + 1;
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
        }

        file.SizeBytes = total;
    }
}
