namespace Batchata;

/// <summary>Sends each progress snapshot to several receivers.</summary>
internal sealed class ProgressFanOut(IReadOnlyList<IProgress<BatchProgress>> targets) : IProgress<BatchProgress>
{
    public static IProgress<BatchProgress>? Combine(params IProgress<BatchProgress>?[] targets)
    {
        var present = targets.OfType<IProgress<BatchProgress>>().ToList();
        return present.Count switch
        {
            0 => null,
            1 => present[0],
            _ => new ProgressFanOut(present),
        };
    }

    public void Report(BatchProgress value)
    {
        foreach (var target in targets)
        {
            target.Report(value);
        }
    }
}
