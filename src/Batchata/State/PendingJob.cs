namespace Batchata;

/// <summary>A pending job paged from the store: its order, its definition and the attempts it has used.</summary>
internal sealed record PendingJob(long Seq, JobRequest Definition, int Attempts);
