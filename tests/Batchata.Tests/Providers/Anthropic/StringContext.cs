using System.Text.Json.Serialization;

namespace Batchata.Tests.Providers.Anthropic;

[JsonSerializable(typeof(string))]
internal sealed partial class StringContext : JsonSerializerContext;
