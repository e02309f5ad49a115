namespace Batchata.Emulator.Core;

/// <summary>Why an answer stopped.</summary>
internal enum StopKind : byte
{
    EndTurn,
    MaxTokens,
    Refusal,
    ToolUse,
}
