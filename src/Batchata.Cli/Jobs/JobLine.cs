using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Batchata.Cli.Jobs;

/// <summary>One job of a JSONL jobs file, as read (file paths already resolved against the jobs file's directory).</summary>
internal sealed record JobLine
{
    public required int LineNumber { get; init; }

    public string? Id { get; init; }

    public string? Prompt { get; init; }

    public string? System { get; init; }

    public string? File { get; init; }

    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    public string? Model { get; init; }

    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    public JsonElement? ResponseSchema { get; init; }

    public bool EnableCitations { get; init; }

    public JsonElement? Params { get; init; }
}
