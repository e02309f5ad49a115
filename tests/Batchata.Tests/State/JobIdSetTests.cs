namespace Batchata.Tests.State;

public sealed class JobIdSetTests
{
    [Fact]
    public void Contains_AnIdAddedInAnotherCase_IsTrue()
    {
        var set = new JobIdSet();
        set.Add("Report-7");

        Assert.True(set.Contains("Report-7"));
        Assert.True(set.Contains("report-7"));
        Assert.True(set.Contains("REPORT-7"));
        Assert.False(set.Contains("Report-8"));
        Assert.False(set.Contains("Report-"));
    }

    [Fact]
    public void Add_EveryHashColliding_DistinctIdsAreAllAcceptedAndDuplicatesStillFound()
    {
        // Every id hashes alike: only the comparison of the packed ids can tell them apart.
        var set = new JobIdSet(_ => 42);
        var ids = Enumerable.Range(0, 2_000).Select(i => $"id-{i}").ToList();

        foreach (var id in ids)
        {
            Assert.False(set.Contains(id));
            set.Add(id);
        }

        Assert.Equal(ids.Count, set.Count);
        Assert.All(ids, id => Assert.True(set.Contains(id.ToUpperInvariant())));
        Assert.False(set.Contains("id-2000"));
        Assert.Throws<ArgumentException>(() => set.Add("ID-17"));
    }

    [Fact]
    public void Enumerate_GivesTheIdsInOrder_AcrossPackedBlocks()
    {
        // 64-character ids fill a 64 KB block after about 1,000 ids, so 5,000 span several blocks and their unused tails.
        var set = new JobIdSet();
        var ids = Enumerable.Range(0, 5_000).Select(i => i % 3 == 0 ? $"j{i}" : $"{i:D8}".PadRight(64, 'x')).ToList();
        foreach (var id in ids)
        {
            set.Add(id);
        }

        Assert.Equal(ids, set);
        Assert.Equal(ids.Count, set.Count);
        Assert.All(ids, id => Assert.True(set.Contains(id)));
    }

    [Fact]
    public void Add_NotAnAsciiId_Throws()
    {
        var set = new JobIdSet();

        Assert.Throws<ArgumentException>(() => set.Add("ünï"));
        Assert.Throws<ArgumentException>(() => set.Add(""));
        Assert.Empty(set);
    }
}
