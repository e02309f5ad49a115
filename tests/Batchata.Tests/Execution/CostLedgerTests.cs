namespace Batchata.Tests.Execution;

public sealed class CostLedgerTests
{
    [Fact]
    public void TryReserve_BeyondLimit_Refuses()
    {
        var ledger = new CostLedger(1.00m, alreadySpent: 0.40m);
        Assert.True(ledger.TryReserve(0.50m));
        Assert.False(ledger.TryReserve(0.11m));
        Assert.True(ledger.TryReserve(0.10m));
        Assert.Equal(0.60m, ledger.Reserved);
    }

    [Fact]
    public void Settle_ReplacesReservationByActual()
    {
        var ledger = new CostLedger(1.00m, 0);
        Assert.True(ledger.TryReserve(0.80m));
        ledger.Settle(0.80m, 0.10m);
        Assert.Equal(0m, ledger.Reserved);
        Assert.Equal(0.10m, ledger.Spent);
        Assert.True(ledger.TryReserve(0.90m));
    }

    [Fact]
    public void TryReserve_NoLimit_AlwaysFits()
    {
        var ledger = new CostLedger(null, 0);
        Assert.True(ledger.TryReserve(1_000_000m));
    }

    [Fact]
    public async Task TryReserve_Concurrent_NeverExceedsLimit()
    {
        var ledger = new CostLedger(10m, 0);
        var granted = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (ledger.TryReserve(0.01m))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        }, TestContext.Current.CancellationToken)));
        Assert.Equal(1000, granted);
        Assert.Equal(10m, ledger.Reserved);
    }
}
