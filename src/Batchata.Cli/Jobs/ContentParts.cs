using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Batchata.Cli.Jobs;

/// <summary>
/// Reads the content-part array of a jobs-file message:
/// <c>{"type":"text","text":"…"}</c>, <c>{"type":"file","path":"scan.png"}</c> (an image, PDF or text file, relative to
/// the jobs file), <c>{"type":"image_url","url":"https://…/a.png","media_type":"image/png"}</c> (media_type optional when
/// the URL ends in a known extension) and <c>{"type":"data","media_type":"image/png","data":"&lt;base64&gt;"}</c>.
/// </summary>
internal static class ContentParts
{
    private static readonly Dictionary<string, string> MediaTypeByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
        [".txt"] = "text/plain",
        [".text"] = "text/plain",
        [".md"] = "text/markdown",
        [".markdown"] = "text/markdown",
        [".csv"] = "text/csv",
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
    };

    /// <summary>Reads the parts of one message; <paramref name="where"/> names it in errors.</summary>
    public static List<AIContent> Read(JsonElement array, string where, string directory)
    {
        if (array.GetArrayLength() == 0)
        {
            throw new JobsFileReader.LineException($"{where} is an empty array: give it at least one part.");
        }

        var parts = new List<AIContent>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"{where}[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new JobsFileReader.LineException($"{at} must be an object with a 'type' (text, file, image_url or data).");
            }

            parts.Add(Field(item, "type", at) switch
            {
                "text" => new TextContent(Field(item, "text", at)),
                "file" => File(item, at, directory),
                "image_url" => Url(item, at),
                "data" => Data(item, at),
                var other => throw new JobsFileReader.LineException($"{at}.type '{other}' is unknown: use text, file, image_url or data."),
            });
            index++;
        }

        return parts;
    }

    private static DataContent File(JsonElement item, string at, string directory)
    {
        var given = Field(item, "path", at);
        var path = Path.GetFullPath(Path.Combine(directory, given));
        var mediaType = Optional(item, "media_type", at) ?? (MediaTypeByExtension.TryGetValue(Path.GetExtension(path), out var known)
            ? known
            : throw new JobsFileReader.LineException($"{at}.path '{given}' has an extension that does not say its type: use an image (.png, .jpg, .gif, .webp), .pdf or a text file, or add \"media_type\"."));
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new JobsFileReader.LineException($"{at}.path '{given}' cannot be read ({ex.Message}). Paths are relative to the jobs file.");
        }

        return new DataContent(bytes, mediaType) { Name = Path.GetFileName(path) };
    }

    private static UriContent Url(JsonElement item, string at)
    {
        var url = Field(item, "url", at);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new JobsFileReader.LineException($"{at}.url '{url}' is not an absolute URL.");
        }

        var mediaType = Optional(item, "media_type", at) ?? (MediaTypeByExtension.TryGetValue(Path.GetExtension(uri.AbsolutePath), out var known)
            ? known
            : throw new JobsFileReader.LineException($"{at}.url does not end in a known image extension: add \"media_type\" (for example \"image/png\")."));
        return new UriContent(uri, mediaType);
    }

    private static DataContent Data(JsonElement item, string at)
    {
        var mediaType = Field(item, "media_type", at);
        try
        {
            return new DataContent(Convert.FromBase64String(Field(item, "data", at)), mediaType);
        }
        catch (FormatException)
        {
            throw new JobsFileReader.LineException($"{at}.data is not valid base64.");
        }
    }

    private static string Field(JsonElement item, string name, string at)
        => Optional(item, name, at) ?? throw new JobsFileReader.LineException($"{at} has no '{name}'.");

    private static string? Optional(JsonElement item, string name, string at)
        => !item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new JobsFileReader.LineException($"{at}.{name} must be a string.");
}
