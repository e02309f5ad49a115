namespace Batchata.Tests.Lifecycle;

/// <summary>The batch lifecycle: the allowed moves, and reading stored phases old and new.</summary>
public sealed class BatchLifecycleTests
{
    [Theory]
    [InlineData(BatchPhase.Planned, BatchPhase.Creating)]
    [InlineData(BatchPhase.Creating, BatchPhase.InFlight)]
    [InlineData(BatchPhase.Creating, BatchPhase.Failed)]
    [InlineData(BatchPhase.InFlight, BatchPhase.InFlight)]
    [InlineData(BatchPhase.InFlight, BatchPhase.Cancelling)]
    [InlineData(BatchPhase.InFlight, BatchPhase.Ended)]
    [InlineData(BatchPhase.InFlight, BatchPhase.Expired)]
    [InlineData(BatchPhase.InFlight, BatchPhase.Failed)]
    [InlineData(BatchPhase.Cancelling, BatchPhase.Ended)]
    [InlineData(BatchPhase.Ended, BatchPhase.Collected)]
    [InlineData(BatchPhase.Expired, BatchPhase.Collected)]
    [InlineData(BatchPhase.Failed, BatchPhase.Collected)]
    public void Move_AllowedEdge_ReturnsTheNewPhase(BatchPhase from, BatchPhase to)
        => Assert.Equal(to, BatchLifecycle.Move(from, to));

    [Theory]
    [InlineData(BatchPhase.Planned, BatchPhase.InFlight)]
    [InlineData(BatchPhase.Creating, BatchPhase.Ended)]
    [InlineData(BatchPhase.InFlight, BatchPhase.Collected)]
    [InlineData(BatchPhase.Cancelling, BatchPhase.InFlight)]
    [InlineData(BatchPhase.Ended, BatchPhase.InFlight)]
    [InlineData(BatchPhase.Collected, BatchPhase.Ended)]
    [InlineData(BatchPhase.Collected, BatchPhase.Collected)]
    public void Move_ForbiddenEdge_Throws(BatchPhase from, BatchPhase to)
        => Assert.Throws<InvalidOperationException>(() => BatchLifecycle.Move(from, to));

    [Fact]
    public void Observe_RunningWhileCancelling_StaysCancelling()
    {
        Assert.Equal(BatchPhase.Cancelling, BatchLifecycle.Observe(BatchPhase.Cancelling, BatchPhase.InFlight));
        Assert.Equal(BatchPhase.Ended, BatchLifecycle.Observe(BatchPhase.Cancelling, BatchPhase.Ended));
        Assert.Equal(BatchPhase.Cancelling, BatchLifecycle.Observe(BatchPhase.InFlight, BatchPhase.Cancelling));
    }

    [Theory]
    [InlineData("Creating", BatchPhase.Creating)]
    [InlineData("InFlight", BatchPhase.InFlight)]
    [InlineData("Collected", BatchPhase.Collected)]
    [InlineData("Submitted", BatchPhase.InFlight)]
    [InlineData("CancelRequested", BatchPhase.Cancelling)]
    [InlineData("Abandoned", BatchPhase.Failed)]
    public void FromStored_ReadsPhasesAndTheWordsOfOlderFiles(string stored, BatchPhase phase)
        => Assert.Equal(phase, BatchLifecycle.FromStored(stored));

    [Fact]
    public void FromStored_UnknownWord_Throws() => Assert.Throws<FormatException>(() => BatchLifecycle.FromStored("Bogus"));

    [Fact]
    public void OpenPhases_AreThoseALaterRunReattaches()
        => Assert.Equal([BatchPhase.Planned, BatchPhase.Creating, BatchPhase.InFlight, BatchPhase.Cancelling], BatchLifecycle.OpenPhases);
}
