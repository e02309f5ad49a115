namespace Batchata.Emulator.Core;

/// <summary>Where a batch stands on its timeline.</summary>
internal enum BatchPhase
{
    Running,
    Completed,
    Canceled,
    Expired,
}
