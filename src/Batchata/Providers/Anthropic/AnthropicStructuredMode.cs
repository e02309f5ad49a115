namespace Batchata;

/// <summary>How a job's response schema is enforced on Anthropic.</summary>
internal enum AnthropicStructuredMode
{
    /// <summary>No schema: free text.</summary>
    None,

    /// <summary>Native structured output: <c>output_config.format</c> json_schema.</summary>
    OutputConfig,

    /// <summary>Forced tool use: one tool <c>emit</c> whose input is the answer.</summary>
    ForcedTool,

    /// <summary>An instruction in the prompt (citations, or models without structured output or forced tools): JSON in text blocks.</summary>
    PromptInstruction,
}
