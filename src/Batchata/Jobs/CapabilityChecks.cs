namespace Batchata;

/// <summary>
/// The one home of the rules that a job's needs fit its model's <see cref="ModelCapabilities"/>: an image needs
/// vision, a PDF needs PDF input, citations need a model with citations and a document, a response schema needs
/// structured output. <see cref="FileValidator"/> (a file or a <c>DataContent</c>, named by path),
/// <see cref="MessageBuilder"/> (an image URL) and <see cref="JobFactory"/> (the whole job) ask here; a provider's
/// own validator checks only what that provider alone knows (parameter names, sampling rules, API versions).
/// </summary>
internal static class CapabilityChecks
{
    /// <summary>Why <paramref name="model"/> cannot take content of <paramref name="kind"/>, with the fix; null when it can.</summary>
    /// <param name="model">The model the job runs on.</param>
    /// <param name="kind">The kind of the file or content part.</param>
    /// <returns>The problem (to follow "is an image, but") and what to do, or null.</returns>
    public static (string Problem, string Fix)? Content(ModelInfo model, JobFileKind kind) => kind switch
    {
        JobFileKind.Image when !model.Capabilities.Vision => (
            $"model '{model.Id}' does not accept images",
            "Use a model with vision (image input) from the same provider, or send the content as text"),
        JobFileKind.Pdf when !model.Capabilities.Pdf => (
            $"model '{model.Id}' does not accept PDF input",
            "Use a model with PDF input from the same provider, or convert the PDF to text"),
        _ => null,
    };

    /// <summary>Why <paramref name="model"/> cannot give citations, with the fix; null when it can.</summary>
    /// <param name="model">The model the job runs on.</param>
    /// <returns>The problem and what to do, or null.</returns>
    public static (string Problem, string Fix)? Citations(ModelInfo model) => model.Capabilities.Citations
        ? null
        : ($"model '{model.Id}' ({model.Provider}) does not support citations",
            "Turn citations off, or use an Anthropic model with citations (for example claude-sonnet-5-5)");

    /// <summary>
    /// Checks what the whole job asks of its model once its content is known: citations (a model that gives them
    /// and a document to cite) and structured output. The job's file and content parts were checked one by one
    /// (<see cref="Content"/>) when they were read.
    /// </summary>
    /// <param name="job">The job, with its messages, file and schema.</param>
    /// <param name="model">The model it runs on.</param>
    /// <param name="label">How errors name the job (its id, or its position when the id is still to be derived).</param>
    /// <exception cref="BatchValidationException">The model cannot serve the job; the message names the job and the fix.</exception>
    public static void Check(JobRequest job, ModelInfo model, string label)
    {
        if (job.EnableCitations)
        {
            if (Citations(model) is { } refused)
            {
                throw new BatchValidationException(label, $"{Sentence(refused.Problem)}. {refused.Fix}.");
            }

            if (!job.HasDocument)
            {
                throw new BatchValidationException(label, "Citations need a document: pass file: (PDF, TXT, MD or DOCX) or a document DataContent in a user message, or turn citations off.");
            }
        }

        if (job.ResponseSchema is not null && !model.Capabilities.StructuredOutput)
        {
            throw new BatchValidationException(label, $"Model '{model.Id}' does not support structured output (JSON schema). Use another model or ask for free text.");
        }
    }

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
