namespace Batchata;

/// <summary>The state of one job. Every job ends in exactly one of <see cref="Completed"/>, <see cref="Failed"/> or <see cref="Cancelled"/>.</summary>
public enum JobStatus
{
    /// <summary>Not yet submitted to a provider.</summary>
    Pending,

    /// <summary>Part of a provider batch that has not ended.</summary>
    Running,

    /// <summary>The provider answered and the answer was usable.</summary>
    Completed,

    /// <summary>The job ended without a usable answer; <see cref="JobResult.Error"/> says why.</summary>
    Failed,

    /// <summary>The job was cancelled by the caller before it finished.</summary>
    Cancelled,
}
