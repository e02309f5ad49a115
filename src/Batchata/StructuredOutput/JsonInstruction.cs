using System.Text.Json;

namespace Batchata;

/// <summary>The instruction appended to the prompt when a schema is not enforced natively (structured_mode "instructed").</summary>
internal static class JsonInstruction
{
    /// <summary>The instruction for <paramref name="schema"/>.</summary>
    public static string For(JsonElement schema)
        => "\n\nAnswer with a single JSON object that matches this JSON schema, and nothing else (no prose, no code fences):\n"
           + schema.GetRawText();
}
