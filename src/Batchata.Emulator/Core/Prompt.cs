using System.Text;
using System.Text.Json;

namespace Batchata.Emulator.Core;

/// <summary>A provider-neutral view of one request, built by each provider's parser.</summary>
internal sealed class Prompt
{
    public StringBuilder AllText { get; } = new();

    public string LastUserText { get; set; } = "";

    public int MessageCount { get; set; }

    public List<PromptDocument> Documents { get; } = [];

    public JsonElement? Schema { get; set; }

    /// <summary>Gets or sets the forced tool name (Anthropic): the answer is a tool_use block.</summary>
    public string? ToolName { get; set; }

    public int? MaxTokens { get; set; }

    /// <summary>Gets or sets the text prefix up to the last cache breakpoint, if any.</summary>
    public string? CachePrefix { get; set; }

    /// <summary>Gets or sets a value indicating whether the cache breakpoint asks for the 1-hour TTL (else 5 minutes).</summary>
    public bool CacheTtl1h { get; set; }

    /// <summary>Gets or sets the factor applied to o200k counts for this model's tokenizer (1.0 = o200k).</summary>
    public double TokenScale { get; set; } = 1.0;

    /// <summary>Gets or sets fixed extra input tokens (images, binary parts).</summary>
    public int ExtraTokens { get; set; }

    /// <summary>Gets or sets an error found while parsing (type, message): the request ends errored.</summary>
    public (string Type, string Message)? Error { get; set; }

    /// <summary>Gets or sets the error code and parameter that go with <see cref="Error"/> (OpenAI).</summary>
    public (string? Code, string? Param) ErrorDetail { get; set; }

    /// <summary>Gets or sets the HTTP status of <see cref="Error"/> when its type does not imply it (OpenAI).</summary>
    public int? ErrorStatus { get; set; }

    public void AddText(string text)
    {
        if (AllText.Length > 0)
        {
            AllText.Append('\n');
        }

        AllText.Append(text);
    }
}
