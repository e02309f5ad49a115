using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>Source-generated serialization used to unescape JSON property names.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ScannerJsonContext : JsonSerializerContext;
