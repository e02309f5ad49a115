using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>Source-generated serialization for schema nodes.</summary>
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(string))]
internal sealed partial class JsonNodeContext : JsonSerializerContext;
