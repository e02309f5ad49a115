using System.Text.Json;

namespace Batchata;

/// <summary>
/// How one provider writes each kind of user content part; <see cref="ContentParts"/> walks a message's parts in
/// order and calls these (static, so the walk costs no allocation or indirection per part).
/// </summary>
internal interface IContentPartWriter
{
    /// <summary>Writes a text part.</summary>
    static abstract void Text(Utf8JsonWriter writer, string text);

    /// <summary>Writes an image, PDF or text document given by its bytes (the job's file or a <c>DataContent</c>).</summary>
    static abstract void File(Utf8JsonWriter writer, LoadedFile file);

    /// <summary>Writes an image given by its http(s) URL (<see cref="JobPart.Uri"/>, <see cref="JobPart.MediaType"/>).</summary>
    static abstract void ImageUrl(Utf8JsonWriter writer, JobPart part);
}
