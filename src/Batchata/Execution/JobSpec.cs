using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Batchata;

/// <summary>The arguments of one <c>AddJob</c> call, with the builder's defaults applied.</summary>
internal sealed record JobSpec(
    string? Prompt,
    string? File,
    IEnumerable<ChatMessage>? Messages,
    string? Id,
    string? Model,
    double? Temperature,
    int? MaxTokens,
    JsonElement? ResponseSchema,
    string? ResponseTypeName,
    bool EnableCitations,
    JsonElement? AdditionalParams,
    bool CachePrefix,
    string? System = null);
