using System.Text.Json;

namespace Batchata;

/// <summary>
/// The walk over a message's content that the OpenAI (Chat Completions and Responses) and Gemini encoders share:
/// the job's file first on the last user turn, then the message's parts in order (or its text), then the schema
/// instruction of an instructed job. Each provider supplies only how a part is written
/// (<see cref="IContentPartWriter"/>).
/// </summary>
internal static class ContentParts
{
    /// <summary>The index of the last user message, or -1.</summary>
    public static int LastUser(JobRequest job)
    {
        for (var i = job.Messages.Count - 1; i >= 0; i--)
        {
            if (job.Messages[i].Role == "user")
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The text of a message: the schema instruction is appended to the last user turn of an instructed job.</summary>
    public static string Text(JobRequest job, int index, int lastUser, bool instructed)
        => instructed && index == lastUser ? job.Messages[index].Text + JsonInstruction.For(job.ResponseSchema!.Value) : job.Messages[index].Text;

    /// <summary>
    /// Writes the content parts of message <paramref name="index"/> (the array's elements, not the array): the file
    /// on the last user turn, then the parts or the text, with the schema instruction where it belongs.
    /// </summary>
    /// <typeparam name="TWriter">The provider's part writer.</typeparam>
    /// <param name="writer">The JSON writer, inside the content array.</param>
    /// <param name="job">The job.</param>
    /// <param name="index">The message.</param>
    /// <param name="lastUser">The index of the last user message (<see cref="LastUser"/>).</param>
    /// <param name="file">The job's file, loaded, or null.</param>
    /// <param name="instructed">Whether the schema goes to the model as an instruction.</param>
    public static void Write<TWriter>(Utf8JsonWriter writer, JobRequest job, int index, int lastUser, LoadedFile? file, bool instructed)
        where TWriter : IContentPartWriter
    {
        if (index == lastUser && file is not null)
        {
            TWriter.File(writer, file);
        }

        if (job.Messages[index].Parts is not { } parts)
        {
            TWriter.Text(writer, Text(job, index, lastUser, instructed));
            return;
        }

        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case JobPartKind.Text:
                    TWriter.Text(writer, part.Text ?? "");
                    break;
                case JobPartKind.Data:
                    TWriter.File(writer, part.ToLoadedFile());
                    break;
                default:
                    TWriter.ImageUrl(writer, part);
                    break;
            }
        }

        if (instructed && index == lastUser)
        {
            TWriter.Text(writer, JsonInstruction.For(job.ResponseSchema!.Value).TrimStart());
        }
    }
}
