using Microsoft.Extensions.Logging;

namespace Batchata;

/// <summary>Messages about the jobs as they are added (category <c>Batchata.Jobs</c>, event ids 1100-1199).</summary>
internal static partial class ValidationLog
{
    /// <summary>The category of these messages.</summary>
    public const string Category = "Batchata.Jobs";

    [LoggerMessage(EventId = 1100, EventName = "ModelWarning", Level = LogLevel.Warning, Message = "Job {Job}: {Warning}")]
    public static partial void ModelWarning(ILogger logger, string job, string warning);
}
