using System.Runtime.CompilerServices;

namespace Batchata.Tests.Cost;

/// <summary>
/// The o200k tokenizer (about 30 MB) is kept only while someone holds it: a batch holds it while jobs are added and
/// lets go when it runs, so a long run does not carry it (issue 14: 1,000,000 jobs within 400 MB).
/// </summary>
public sealed class TokenizerHoldTests
{
    [Fact]
    public void Hold_WhileHeld_EveryCallerSharesOneTokenizer()
    {
        var estimator = new TokenEstimator();
        var hold = estimator.Hold();

        Assert.Equal(2, estimator.CountTokens("Hello world"));
        Assert.Same(hold, estimator.Hold());
        GC.KeepAlive(hold);
    }

    [Fact]
    public void Hold_Released_TheTokenizerIsCollected_AndCountingStillWorks()
    {
        var estimator = new TokenEstimator();
        var released = HoldAndRelease(estimator);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(released.IsAlive, "the tokenizer should be collectable once nobody holds it");
        Assert.Equal(2, estimator.CountTokens("Hello world"));
    }

    [Fact]
    public async Task Batch_HoldsTheTokenizerWhileJobsAreAdded_AndLetsGoWhenItRuns()
    {
        var dir = Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"));
        await using var batch = new Batch(dir)
            .UseAnthropic(o => { o.ApiKey = "test-key"; o.BaseUrl = new Uri("http://127.0.0.1:9/"); })
            .SetDefaultParams(model: "claude-haiku-5-5");
        batch.EnvironmentVariables = _ => null;
        batch.DotEnvPath = Path.Combine(dir, "no.env");
        Assert.False(batch.HoldsTokenizer);

        batch.AddJob(prompt: "hello", id: "a");
        Assert.True(batch.HoldsTokenizer);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var run = await batch.RunAsync(cancellationToken: cancelled.Token);

        Assert.False(batch.HoldsTokenizer);
        Assert.Equal(1, run.Status().Total);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference HoldAndRelease(TokenEstimator estimator)
    {
        var hold = estimator.Hold();
        Assert.Equal(2, estimator.CountTokens("Hello world"));
        return new WeakReference(hold);
    }
}
