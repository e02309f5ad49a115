namespace Batchata;

/// <summary>The trimming/AOT note of the APIs that read or describe users' own response types by reflection.</summary>
internal static class UserTypes
{
    public const string Message = "Response types (AddJob<T>, GetParsed<T>) are described and read with reflection-based System.Text.Json; keep T's public properties (for example with DynamicDependency) or use the JsonElement API (responseSchema: and ParsedResponse).";
}
