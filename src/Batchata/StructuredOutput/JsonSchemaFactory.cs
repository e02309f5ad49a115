using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Batchata;

/// <summary>Builds provider-neutral, strict-ready JSON schemas for structured output.</summary>
internal static class JsonSchemaFactory
{
    private static readonly AIJsonSchemaCreateOptions StrictOptions = new()
    {
        TransformOptions = new AIJsonSchemaTransformOptions
        {
            DisallowAdditionalProperties = true,
            RequireAllProperties = true,
        },
    };

    /// <summary>Creates the JSON schema of a response type (records and classes; enums as strings, nullable as unions with null).</summary>
    /// <param name="type">The response type; it must serialize to a JSON object.</param>
    /// <param name="options">The serializer options; <see cref="JsonDefaults.Options"/> when null.</param>
    /// <param name="jobId">The job the type belongs to, for error messages.</param>
    /// <returns>The schema, with additionalProperties:false and every property required on every object.</returns>
    /// <exception cref="BatchValidationException">The type does not serialize to a JSON object.</exception>
    [RequiresUnreferencedCode(UserTypes.Message)]
    [RequiresDynamicCode(UserTypes.Message)]
    public static JsonElement Create(Type type, JsonSerializerOptions? options = null, string? jobId = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        JsonElement schema;
        try
        {
            schema = AIJsonUtilities.CreateJsonSchema(
                type, serializerOptions: options ?? JsonDefaults.Options, inferenceOptions: StrictOptions);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new BatchValidationException(jobId, $"Cannot build a JSON schema for response type '{type.Name}': {ex.Message}");
        }

        if (!IsObjectSchema(schema))
        {
            throw new BatchValidationException(
                jobId,
                $"Response type '{type.Name}' must be a class or record that serializes to a JSON object (its schema type is {DescribeType(schema)}). " +
                "Wrap it in a record, e.g. record Answer(List<Item> Items).");
        }

        return schema;
    }

    /// <summary>Validates a raw JSON schema supplied by the user (for example in a CLI job line).</summary>
    /// <param name="userSchema">The schema; it must be an object schema with "type":"object".</param>
    /// <param name="jobId">The job the schema belongs to, for error messages.</param>
    /// <returns>A detached copy of the schema.</returns>
    /// <exception cref="BatchValidationException">The schema is not an object schema.</exception>
    public static JsonElement Create(JsonElement userSchema, string? jobId = null)
    {
        if (userSchema.ValueKind != JsonValueKind.Object)
        {
            throw new BatchValidationException(jobId, $"The response schema must be a JSON object, got {userSchema.ValueKind.ToString().ToLowerInvariant()}.");
        }

        if (!IsObjectSchema(userSchema))
        {
            throw new BatchValidationException(
                jobId, $"The response schema's root must have \"type\":\"object\" (got {DescribeType(userSchema)}). Wrap lists or scalars in an object property.");
        }

        if (userSchema.TryGetProperty("properties", out var props) && props.ValueKind != JsonValueKind.Object)
        {
            throw new BatchValidationException(jobId, "The response schema's \"properties\" must be a JSON object.");
        }

        return userSchema.Clone();
    }

    /// <summary>Returns whether a schema's root is an object type (not nullable, not a union).</summary>
    internal static bool IsObjectSchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("type", out var t)
        && t.ValueKind == JsonValueKind.String
        && t.GetString() == "object";

    private static string DescribeType(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t)
            ? t.GetRawText()
            : schema.ValueKind == JsonValueKind.Object ? "unspecified" : schema.ValueKind.ToString().ToLowerInvariant();
}
