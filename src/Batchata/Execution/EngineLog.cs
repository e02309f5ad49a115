using Microsoft.Extensions.Logging;

namespace Batchata;

/// <summary>
/// The engine's log messages (category <c>Batchata.Engine</c>), source-generated with stable event ids 1000-1099.
/// Levels are the messages' own; which of them appear is decided by the logger factory's filters
/// (and by <see cref="Batch.SetVerbosity"/> when it is called).
/// </summary>
internal static partial class EngineLog
{
    /// <summary>The category of the engine's messages.</summary>
    public const string Category = "Batchata.Engine";

    [LoggerMessage(EventId = 1000, EventName = "FreshStart", Level = LogLevel.Information, Message = "Started fresh; the previous state file was kept as {File}.")]
    public static partial void FreshStart(ILogger logger, string file);

    [LoggerMessage(EventId = 1001, EventName = "Resuming", Level = LogLevel.Information, Message = "Resuming {File}: {Completed} jobs already completed, {Open} provider batches in flight, {New} new jobs.")]
    public static partial void Resuming(ILogger logger, string file, int completed, int open, int @new);

    [LoggerMessage(EventId = 1002, EventName = "NeverCreated", Level = LogLevel.Information, Message = "Batch {Tag} was never created at {Provider}; its {Count} jobs are queued again.")]
    public static partial void NeverCreated(ILogger logger, string tag, string provider, int count);

    [LoggerMessage(EventId = 1003, EventName = "Reattached", Level = LogLevel.Information, Message = "Batch {Tag} was created at {Provider} as {BatchId} before the interruption; re-attached.")]
    public static partial void Reattached(ILogger logger, string tag, string provider, string batchId);

    [LoggerMessage(EventId = 1010, EventName = "BatchCreated", Level = LogLevel.Information, Message = "Created {Provider} batch {BatchId} with {Count} jobs ({Tag}).")]
    public static partial void BatchCreated(ILogger logger, string provider, string batchId, int count, string tag);

    [LoggerMessage(EventId = 1011, EventName = "BatchCreateFailed", Level = LogLevel.Error, Message = "Could not create {Provider} batch {Tag}: {Message}")]
    public static partial void BatchCreateFailed(ILogger logger, string provider, string tag, string message);

    [LoggerMessage(EventId = 1012, EventName = "BatchPolled", Level = LogLevel.Debug, Message = "Polled {Provider} batch {BatchId}: {Status}, {Done}/{Total} done.")]
    public static partial void BatchPolled(ILogger logger, string provider, string batchId, string status, int done, int total);

    [LoggerMessage(EventId = 1013, EventName = "PollFailed", Level = LogLevel.Warning, Message = "Polling {BatchId} failed ({Message}); trying again.")]
    public static partial void PollFailed(ILogger logger, string? batchId, string message);

    [LoggerMessage(EventId = 1014, EventName = "PollGivenUp", Level = LogLevel.Error, Message = "Giving up polling {BatchId}: {Message}. It stays recorded in the state file; run again to resume it.")]
    public static partial void PollGivenUp(ILogger logger, string? batchId, string message);

    [LoggerMessage(EventId = 1015, EventName = "GraceExpired", Level = LogLevel.Warning, Message = "{BatchId} did not end within the grace period; it stays recorded for a later run.")]
    public static partial void GraceExpired(ILogger logger, string? batchId);

    [LoggerMessage(EventId = 1016, EventName = "CancelSent", Level = LogLevel.Information, Message = "Cancel sent for {BatchId}.")]
    public static partial void CancelSent(ILogger logger, string? batchId);

    [LoggerMessage(EventId = 1017, EventName = "CancelFailed", Level = LogLevel.Warning, Message = "Cancelling {BatchId} failed: {Message}")]
    public static partial void CancelFailed(ILogger logger, string? batchId, string message);

    [LoggerMessage(EventId = 1020, EventName = "DownloadFailed", Level = LogLevel.Error, Message = "Results of {BatchId} could not be downloaded: {Message}. The batch stays recorded; run again to collect it.")]
    public static partial void DownloadFailed(ILogger logger, string? batchId, string message);

    [LoggerMessage(EventId = 1021, EventName = "JobResubmitted", Level = LogLevel.Information, Message = "Job {Job}: {Type} in {BatchId}; resubmitting it in a later batch.")]
    public static partial void JobResubmitted(ILogger logger, string job, string type, string? batchId);

    [LoggerMessage(EventId = 1030, EventName = "PipelineFailed", Level = LogLevel.Error, Message = "A batch pipeline failed; waiting for the others before stopping.")]
    public static partial void PipelineFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 1031, EventName = "NotSubmitted", Level = LogLevel.Warning, Message = "{Count} jobs were not submitted: {Reason}.")]
    public static partial void NotSubmitted(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 1032, EventName = "CostLimitRefused", Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void CostLimitRefused(ILogger logger, string warning);

    [LoggerMessage(EventId = 1040, EventName = "QueueRefused", Level = LogLevel.Information, Message = "{Provider} refused batch {Tag} for its queue limit ({Message}); its {Count} jobs wait for the provider queue.")]
    public static partial void QueueRefused(ILogger logger, string provider, string tag, string? message, int count);

    [LoggerMessage(EventId = 1050, EventName = "AdoptedResultFiles", Level = LogLevel.Warning, Message = "No state file was found, but {Count} completed result files were in {Directory}: those jobs were adopted as completed and are not submitted again (start with --fresh / reuseState: false to submit everything).")]
    public static partial void AdoptedResultFiles(ILogger logger, int count, string directory);

    [LoggerMessage(EventId = 1051, EventName = "RewroteResultFiles", Level = LogLevel.Warning, Message = "{Count} result files of completed jobs were missing or unreadable; they were rewritten from the answers kept in the state file (nothing was submitted again): {Jobs}.")]
    public static partial void RewroteResultFiles(ILogger logger, int count, string jobs);
}
