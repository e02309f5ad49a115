using System.Text;
using Microsoft.Extensions.AI;

namespace Batchata;

/// <summary>
/// Turns the conversation of an <c>AddJob</c> call (a prompt, or Microsoft.Extensions.AI messages, plus an optional
/// system prompt) into <see cref="JobMessage"/>s. Every content part is either kept, in the form the encoders send,
/// or refused with a message naming the part and the fix: nothing is dropped.
/// </summary>
internal static class MessageBuilder
{
    /// <summary>Builds the messages of a job and estimates the tokens of their media parts.</summary>
    /// <param name="label">The job id or its position, for error messages.</param>
    /// <param name="spec">The job's arguments.</param>
    /// <param name="model">The model the job runs on (its capabilities and provider limits decide what media may go).</param>
    /// <param name="mediaTokens">The estimated prompt tokens of the media parts (images, documents), provider-specific.</param>
    /// <returns>The messages, system turns first.</returns>
    /// <exception cref="BatchValidationException">The conversation or one of its parts cannot be sent.</exception>
    public static List<JobMessage> Build(string label, JobSpec spec, ModelInfo model, out long mediaTokens)
    {
        mediaTokens = 0;
        var hasMessages = spec.Messages is not null;
        var hasPrompt = !string.IsNullOrWhiteSpace(spec.Prompt);
        if (hasMessages && (hasPrompt || spec.File is not null))
        {
            throw new BatchValidationException(label, "Pass either messages, or a prompt (optionally with a file), not both. To send a document with messages, put it in a user message as a DataContent.");
        }

        if (!hasMessages && !hasPrompt)
        {
            throw new BatchValidationException(label, spec.File is null
                ? "The job has neither a prompt nor messages: pass prompt: \"...\" or messages: [...]."
                : "A file needs a prompt that says what to do with it: pass prompt: \"...\".");
        }

        if (spec.System is not null && string.IsNullOrWhiteSpace(spec.System))
        {
            throw new BatchValidationException(label, "The system prompt is empty: pass text, or leave system: out.");
        }

        var result = new List<JobMessage>();
        if (spec.System is not null)
        {
            result.Add(new JobMessage("system", spec.System));
        }

        if (hasPrompt)
        {
            result.Add(new JobMessage("user", spec.Prompt!));
            return result;
        }

        var index = 0;
        foreach (var message in spec.Messages!)
        {
            index++;
            var role = message.Role == ChatRole.System ? "system"
                : message.Role == ChatRole.User ? "user"
                : message.Role == ChatRole.Assistant ? "assistant"
                : throw new BatchValidationException(label, $"Message {index} has the unsupported role '{message.Role}': use system, user or assistant.");
            if (role == "system" && spec.System is not null)
            {
                throw new BatchValidationException(label, "Pass the system prompt either as system: or as a system message, not both.");
            }

            result.Add(Convert(label, index, role, message, model, spec.EnableCitations, ref mediaTokens));
        }

        if (!result.Any(m => m.Role == "user"))
        {
            throw new BatchValidationException(label, "The messages contain no user turn: add a user message.");
        }

        if (result.SkipWhile(m => m.Role == "system").Any(m => m.Role == "system"))
        {
            throw new BatchValidationException(label, "System messages must come first, before any user or assistant turn.");
        }

        return result;
    }

    private static JobMessage Convert(string label, int index, string role, ChatMessage message, ModelInfo model, bool enableCitations, ref long mediaTokens)
    {
        var parts = new List<JobPart>();
        var hasMedia = false;
        var partIndex = 0;
        foreach (var content in message.Contents)
        {
            partIndex++;
            var where = $"message {index} ({role}), part {partIndex}";
            switch (content)
            {
                case TextContent t:
                    if (string.IsNullOrEmpty(t.Text))
                    {
                        continue;
                    }

                    parts.Add(new JobPart { Kind = JobPartKind.Text, Text = t.Text });
                    break;
                case DataContent data:
                    RequireUser(label, where, role, data.MediaType);
                    parts.Add(FromData(label, where, data, model, enableCitations, ref mediaTokens));
                    hasMedia = true;
                    break;
                case UriContent uri:
                    RequireUser(label, where, role, uri.MediaType);
                    parts.Add(FromUri(label, where, uri, model));
                    mediaTokens += TokenEstimator.ImageTokens;
                    hasMedia = true;
                    break;
                default:
                    throw new BatchValidationException(label, $"The content of {where} is a {content.GetType().Name}, which a batch job cannot send. Use TextContent, DataContent (an image, a PDF or a text document) or UriContent (an image URL).");
            }
        }

        if (parts.Count == 0)
        {
            throw new BatchValidationException(label, $"Message {index} ({role}) is empty: give it text, an image or a document.");
        }

        // The text is the message's own (MEAI joins its text contents), as earlier versions stored it, so derived ids still match.
        return hasMedia ? new JobMessage(role, message.Text) { Parts = parts } : new JobMessage(role, message.Text);
    }

    private static void RequireUser(string label, string where, string role, string mediaType)
    {
        if (role != "user")
        {
            throw new BatchValidationException(label, $"The {mediaType} content of {where} is not in a user message; the providers take images and documents in user turns only. Move it to a user message.");
        }
    }

    private static JobPart FromData(string label, string where, DataContent data, ModelInfo model, bool enableCitations, ref long mediaTokens)
    {
        var mediaType = data.MediaType.ToLowerInvariant();
        var kind = mediaType.StartsWith("image/", StringComparison.Ordinal) ? JobFileKind.Image
            : mediaType == MediaTypes.Pdf ? JobFileKind.Pdf
            : IsTextMediaType(mediaType) ? JobFileKind.Text
            : throw new BatchValidationException(label, $"The DataContent of {where} is {data.MediaType}, which a batch job cannot send. Send an image (png, jpeg, gif, webp), a PDF (application/pdf) or a text document (text/plain, text/markdown, text/csv, ...).");
        var bytes = data.Data.ToArray();
        var name = $"{where} ({data.MediaType}{(data.Name is null ? "" : ", " + data.Name)})";
        if (bytes.Length == 0)
        {
            throw new BatchValidationException(label, $"The DataContent of {where} is empty (0 bytes). Pass the content's bytes.");
        }

        string? text = null;
        if (kind == JobFileKind.Text)
        {
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new BatchValidationException(label, $"The DataContent of {where} says {data.MediaType} but is not UTF-8 text. Send it as UTF-8, or with its real media type.");
            }
        }

        var citations = enableCitations && kind != JobFileKind.Image;
        var facts = FileValidator.ValidateBytes(new JobFile(name, kind, mediaType), bytes, model, citations, label);
        mediaTokens += TokenEstimator.Shared.EstimateFileTokens(kind, bytes.LongLength, facts.Pages, text, model.Provider);
        return new JobPart { Kind = JobPartKind.Data, FileKind = kind, MediaType = mediaType, Data = bytes, Name = data.Name, Pages = facts.Pages };
    }

    private static JobPart FromUri(string label, string where, UriContent uri, ModelInfo model)
    {
        if (!uri.HasTopLevelMediaType("image"))
        {
            throw new BatchValidationException(label, $"The UriContent of {where} is {uri.MediaType}; only image URLs can be sent by reference. Pass a PDF or document as a DataContent with its bytes, so its pages can be checked and priced before anything is paid.");
        }

        if (uri.Uri.Scheme is not ("http" or "https"))
        {
            throw new BatchValidationException(label, $"The UriContent of {where} has the URL '{uri.Uri}'; the providers fetch only http and https URLs. Pass the image as a DataContent instead.");
        }

        if (CapabilityChecks.Content(model, JobFileKind.Image) is { } refused)
        {
            throw new BatchValidationException(label, $"The image URL of {where} cannot be sent: {refused.Problem}. {refused.Fix}.");
        }

        var limits = FileLimits.ForProvider(model.Provider);
        var mediaType = uri.MediaType.ToLowerInvariant();
        if (!limits.ImageMediaTypes.Contains(mediaType))
        {
            throw new BatchValidationException(label, $"The image URL of {where} is {uri.MediaType}, which {model.Provider} does not accept. Use one of: {string.Join(", ", limits.ImageMediaTypes)}.");
        }

        return new JobPart { Kind = JobPartKind.Uri, FileKind = JobFileKind.Image, MediaType = mediaType, Uri = uri.Uri.AbsoluteUri };
    }

    private static bool IsTextMediaType(string mediaType)
        => mediaType.StartsWith("text/", StringComparison.Ordinal)
           || mediaType is "application/json" or "application/xml";
}
