namespace Batchata;

/// <summary>A job read back from the spool: its definition and the JSON it was stored as.</summary>
internal sealed record SpooledJob(JobRequest Job, string Json);
