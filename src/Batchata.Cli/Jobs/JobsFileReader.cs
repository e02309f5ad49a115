using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Batchata.Cli.Jobs;

/// <summary>
/// Reads a JSONL jobs file strictly: every non-blank line is one JSON object with known fields of the right
/// types. The first bad line stops the read with <c>FILE:LINE: reason</c>, before anything is submitted.
/// </summary>
internal static class JobsFileReader
{
    private static readonly string[] Fields =
        ["id", "prompt", "system", "file", "messages", "model", "temperature", "max_tokens", "response_schema", "enable_citations", "params"];

    /// <summary>Reads every job of <paramref name="path"/>; <paramref name="displayName"/> is used in messages.</summary>
    public static List<JobLine> Read(string path, string displayName)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var jobs = new List<JobLine>();
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                jobs.Add(Parse(text, number, directory));
            }
            catch (LineException ex)
            {
                throw new CliInputException($"{displayName}:{number}: {ex.Message}");
            }
        }

        if (jobs.Count == 0)
        {
            throw new CliInputException($"{displayName}: the file has no jobs (one JSON object per line).");
        }

        return jobs;
    }

    private static JobLine Parse(string text, int number, string directory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new LineException($"invalid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')}).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new LineException($"a job must be a JSON object, not {Kind(root)}.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var job = new JobLine { LineNumber = number };
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new LineException($"the field '{property.Name}' appears twice.");
                }

                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                job = Apply(job, property, directory);
            }

            if (job.Prompt is not null && job.Messages is not null)
            {
                throw new LineException("set either 'prompt' or 'messages', not both.");
            }

            if (job.Prompt is null && job.Messages is null)
            {
                throw new LineException("a job needs a 'prompt' or 'messages'.");
            }

            return job;
        }
    }

    private static JobLine Apply(JobLine job, JsonProperty property, string directory)
    {
        var value = property.Value;
        return property.Name switch
        {
            "id" => job with { Id = String(property) },
            "prompt" => job with { Prompt = String(property) },
            "system" => job with { System = String(property) },
            "file" => job with { File = Path.GetFullPath(Path.Combine(directory, String(property))) },
            "messages" => job with { Messages = Messages(value, directory) },
            "model" => job with { Model = String(property) },
            "temperature" => job with { Temperature = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw WrongType(property, "a number") },
            "max_tokens" => job with { MaxTokens = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var max) ? max : throw WrongType(property, "an integer") },
            "response_schema" => job with { ResponseSchema = value.ValueKind == JsonValueKind.Object ? value.Clone() : throw WrongType(property, "a JSON Schema object") },
            "enable_citations" => job with { EnableCitations = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw WrongType(property, "true or false") },
            "params" => job with { Params = value.ValueKind == JsonValueKind.Object ? value.Clone() : throw WrongType(property, "an object of provider parameters") },
            _ => throw new LineException($"unknown field '{property.Name}' (known fields: {string.Join(", ", Fields)}).{Hint(property.Name)}"),
        };
    }

    private static List<ChatMessage> Messages(JsonElement value, string directory)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw new LineException("'messages' must be a non-empty array of {\"role\", \"content\"} objects.");
        }

        var messages = new List<ChatMessage>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new LineException($"messages[{index}] must be an object with 'role' and 'content'.");
            }

            string? role = null;
            List<AIContent>? content = null;
            foreach (var p in item.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "role":
                        role = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : throw new LineException($"messages[{index}].role must be a string.");
                        break;
                    case "content":
                        content = p.Value.ValueKind switch
                        {
                            JsonValueKind.String => [new TextContent(p.Value.GetString())],
                            JsonValueKind.Array => ContentParts.Read(p.Value, $"messages[{index}].content", directory),
                            _ => throw new LineException($"messages[{index}].content must be a string or an array of content parts."),
                        };
                        break;
                    default:
                        throw new LineException($"messages[{index}] has an unknown field '{p.Name}' (use 'role' and 'content').");
                }
            }

            var chatRole = role switch
            {
                "system" => ChatRole.System,
                "user" => ChatRole.User,
                "assistant" => ChatRole.Assistant,
                null => throw new LineException($"messages[{index}] has no 'role'."),
                _ => throw new LineException($"messages[{index}].role '{role}' must be system, user or assistant."),
            };
            messages.Add(new ChatMessage(chatRole, content ?? throw new LineException($"messages[{index}] has no 'content'.")));
            index++;
        }

        return messages;
    }

    private static string String(JsonProperty property)
        => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : throw WrongType(property, "a string");

    private static LineException WrongType(JsonProperty property, string expected)
        => new($"'{property.Name}' must be {expected}, not {Kind(property.Value)}.");

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Hint(string name)
    {
        var normalized = name.Replace("-", "_", StringComparison.Ordinal).ToLowerInvariant();
        var match = Fields.FirstOrDefault(f => f == normalized || f.Replace("_", "", StringComparison.Ordinal) == normalized.Replace("_", "", StringComparison.Ordinal));
        return match is null ? "" : $" Did you mean '{match}'?";
    }

    /// <summary>A problem with one line; the reader adds the file and line number.</summary>
    internal sealed class LineException(string message) : Exception(message);
}
