using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Batchata.Cli.Rendering;

/// <summary>Writes a JSON document to a string with a <see cref="Utf8JsonWriter"/>.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
