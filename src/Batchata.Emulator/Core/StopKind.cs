namespace Batchata.Emulator.Core;

/// <summary>Why an answer stopped.</summary>
internal enum StopKind
{
    EndTurn,
    MaxTokens,
    Refusal,
    ToolUse,
}
