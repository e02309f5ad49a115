using System.Text.Json.Nodes;

namespace Batchata.Emulator.Core;

/// <summary>The computed result of one request (provider-neutral).</summary>
internal sealed class Outcome
{
    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>Gets the provider-specific error code (OpenAI <c>code</c>), if any.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the offending parameter (OpenAI <c>param</c>), if any.</summary>
    public string? ErrorParam { get; init; }

    /// <summary>Gets the HTTP status of a per-request error when it is not the one its type implies (OpenAI's 404 for endpoint-only models).</summary>
    public int? ErrorStatus { get; init; }

    public bool IsError => ErrorType is not null;

    public IReadOnlyList<AnswerBlock> Blocks { get; init; } = [];

    public JsonNode? ToolInput { get; init; }

    public string? ToolName { get; init; }

    public StopKind Stop { get; init; }

    public bool IsJson { get; init; }

    /// <summary>Gets the total prompt tokens, including cached ones.</summary>
    public int InputTokens { get; init; }

    public int CacheCreationTokens { get; init; }

    /// <summary>Gets a value indicating whether the cache write used the 1-hour TTL.</summary>
    public bool CacheTtl1h { get; init; }

    public int CacheReadTokens { get; init; }

    public int OutputTokens { get; init; }

    public string Text => Blocks.Count == 1 ? Blocks[0].Text : string.Concat(Blocks.Select(b => b.Text));

    public static Outcome Error(string type, string message) => new() { ErrorType = type, ErrorMessage = message };
}
