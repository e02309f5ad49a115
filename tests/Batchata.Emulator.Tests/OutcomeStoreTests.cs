using System.Text.Json.Nodes;
using Batchata.Emulator.Core;

namespace Batchata.Emulator.Tests;

/// <summary>The compact record of a batch's answers: kept in the emulator's outcome file, it reads back what was computed.</summary>
public sealed class OutcomeStoreTests
{
    /// <summary>Plain answers sharing a prefix (and a non-ASCII one), errors, a tool call, a cited answer, JSON and cache flags.</summary>
    private static Outcome Computed(int i) => (i % 7) switch
    {
        0 => Outcome.Error("overloaded_error", "Overloaded"),
        1 => new Outcome { ToolName = "answer", ToolInput = JsonNode.Parse($"{{\"n\":{i}}}"), Stop = StopKind.ToolUse, InputTokens = i, OutputTokens = 3 },
        2 => new Outcome { Blocks = [new AnswerBlock($"cited {i}", new CitationSpan(true, 0, "doc", "text", 1, 2))], InputTokens = i, OutputTokens = 4 },
        3 => new Outcome { Blocks = [new AnswerBlock($"Emulated answer: naïve café {i} 🎉")], IsJson = true, CacheTtl1h = true, CacheCreationTokens = 5, InputTokens = i, OutputTokens = 6 },
        _ => new Outcome { Blocks = [new AnswerBlock($"Emulated answer: item {i}.")], Stop = i % 2 == 0 ? StopKind.EndTurn : StopKind.MaxTokens, InputTokens = 10 + i, CacheReadTokens = i % 3, OutputTokens = 7 },
    };

    [Fact]
    public void Get_FromTheOutcomeFile_EqualsWhatWasComputedAndWhatMemoryKeeps()
    {
        using var spill = new OutcomeSpill();
        const int count = 5_000;
        var other = OutcomeStore.Compute(3, Computed, spill); // a batch before it in the same file
        var spilled = OutcomeStore.Compute(count, Computed, spill);
        var inMemory = OutcomeStore.Compute(count, Computed);

        Assert.Equal(Describe(Computed(2)), Describe(other.Get(2)));
        for (var i = 0; i < count; i++)
        {
            var expected = Describe(Computed(i));
            Assert.Equal(expected, Describe(spilled.Get(i)));
            Assert.Equal(expected, Describe(inMemory.Get(i)));
            Assert.Equal(Computed(i).IsError, spilled.IsError(i));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2_047)]
    [InlineData(2_048)]
    [InlineData(2_049)]
    [InlineData(4_096)]
    [InlineData(4_999)]
    [InlineData(5_000)]
    public void Sum_OfTheFinishedPrefix_CountsErrorsAndBilledTokens(int finished)
    {
        using var spill = new OutcomeSpill();
        var store = OutcomeStore.Compute(5_000, Computed, spill);
        var outcomes = Enumerable.Range(0, 5_000).Select(Computed).ToList();
        var succeeded = outcomes.Take(finished).Where(o => !o.IsError).ToList();

        var sum = store.Sum(finished);

        Assert.Equal(outcomes.Take(finished).Count(o => o.IsError), sum.Errored);
        Assert.Equal(succeeded.Sum(o => (long)o.InputTokens), sum.Input);
        Assert.Equal(succeeded.Sum(o => (long)o.CacheReadTokens), sum.CachedInput);
        Assert.Equal(succeeded.Sum(o => (long)o.OutputTokens), sum.Output);
        Assert.Equal(outcomes.Sum(o => (long)o.InputTokens), store.Sum(5_000).Prompt);
    }

    [Fact]
    public void Sum_OfAWholeBatch_StillKnownAfterTheFileIsClosed()
    {
        var spill = new OutcomeSpill();
        var store = OutcomeStore.Compute(100, Computed, spill);
        var whole = store.Sum(100);

        spill.Dispose();

        Assert.Equal(whole, store.Sum(100));
        Assert.Throws<ObjectDisposedException>(() => store.Get(5));
    }

    private static string Describe(Outcome o) =>
        $"{o.ErrorType}|{o.ErrorMessage}|{string.Join("+", o.Blocks.Select(b => b.Text + "@" + b.Citation))}|{o.ToolName}|{o.ToolInput?.ToJsonString()}|{o.Stop}|{o.IsJson}|{o.InputTokens}|{o.CacheCreationTokens}|{o.CacheTtl1h}|{o.CacheReadTokens}|{o.OutputTokens}";
}
