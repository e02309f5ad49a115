using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>One chat turn of a job, provider-neutral. <see cref="Role"/> is system, user or assistant.</summary>
internal sealed record JobMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("text")] string Text);
