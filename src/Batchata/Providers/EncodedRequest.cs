namespace Batchata;

/// <summary>One job serialized as the provider's request line (UTF-8 JSON, no trailing newline).</summary>
internal readonly record struct EncodedRequest(string CustomId, ReadOnlyMemory<byte> Line);
