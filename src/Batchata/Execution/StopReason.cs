namespace Batchata;

/// <summary>Why a run stopped before all jobs ended.</summary>
internal enum StopReason
{
    None,
    TimeLimit,
    Cancelled,
}
