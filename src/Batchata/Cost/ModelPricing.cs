using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>Prices of one model in USD per million tokens.</summary>
public sealed class ModelPricing
{
    // Backing field: source-generated JSON metadata sets an absent init-only property to default, losing an
    // initializer (https://github.com/dotnet/runtime/issues/84484), so the default lives in the getter.
    private readonly decimal? _longInput;
    private readonly decimal? _longOutput;

    /// <summary>Gets pricing with every price zero (unknown).</summary>
    internal static ModelPricing Empty { get; } = new();

    /// <summary>Gets the standard (real-time) input price.</summary>
    [JsonPropertyName("input")] public decimal Input { get; init; }

    /// <summary>Gets the standard (real-time) output price.</summary>
    [JsonPropertyName("output")] public decimal Output { get; init; }

    /// <summary>Gets the batch input price (usually half of <see cref="Input"/>).</summary>
    [JsonPropertyName("batch_input")] public decimal BatchInput { get; init; }

    /// <summary>Gets the batch output price (usually half of <see cref="Output"/>).</summary>
    [JsonPropertyName("batch_output")] public decimal BatchOutput { get; init; }

    /// <summary>Gets the standard price of cache reads (cached input).</summary>
    [JsonPropertyName("cache_read")] public decimal CacheRead { get; init; }

    /// <summary>Gets the standard price of 5-minute cache writes (Anthropic) or cache writes (others); 0 when free.</summary>
    [JsonPropertyName("cache_write")] public decimal CacheWrite { get; init; }

    /// <summary>Gets the standard price of 1-hour cache writes (Anthropic); 0 when not offered.</summary>
    [JsonPropertyName("cache_write_1h")] public decimal CacheWrite1h { get; init; }

    /// <summary>Gets the batch price of cache reads.</summary>
    [JsonPropertyName("batch_cache_read")] public decimal BatchCacheRead { get; init; }

    /// <summary>Gets the batch price of cache writes.</summary>
    [JsonPropertyName("batch_cache_write")] public decimal BatchCacheWrite { get; init; }

    /// <summary>Gets the batch price of 1-hour cache writes.</summary>
    [JsonPropertyName("batch_cache_write_1h")] public decimal BatchCacheWrite1h { get; init; }

    /// <summary>Gets the prompt size in tokens above which the long-context tier applies to the whole request, or null.</summary>
    [JsonPropertyName("long_context_threshold")] public long? LongContextThreshold { get; init; }

    /// <summary>Gets the multiplier of input and cache prices in the long-context tier.</summary>
    [JsonPropertyName("long_context_input_multiplier")] public decimal LongContextInputMultiplier { get => _longInput ?? 1m; init => _longInput = value; }

    /// <summary>Gets the multiplier of output prices in the long-context tier.</summary>
    [JsonPropertyName("long_context_output_multiplier")] public decimal LongContextOutputMultiplier { get => _longOutput ?? 1m; init => _longOutput = value; }
}
