using Batchata.Emulator.Core;
using static Batchata.Emulator.Tests.TestHelpers;

namespace Batchata.Emulator.Tests;

/// <summary>
/// What an emulator keeps of a batch it answered, as a provider keeps it for later downloads: its ids packed and its
/// answers in the outcome file; not the create's request lists, id strings or answer buffers (a closure once kept
/// them all: 181 MB of managed heap at the end of a 1M-request run).
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Anthropic_AnsweredBatch_KeepsNoIdStringOrOutcomeBuilder()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = AnthropicHttp(emulator);
        var ids = Enumerable.Range(0, 500).Select(i => $"keep-check-{i}").ToList();
        var (status, created) = await CreateAnthropicAsync(http, [.. ids.Select(id => (object)new { custom_id = id, @params = new { model = "claude-haiku-4-5", max_tokens = 16, messages = new[] { new { role = "user", content = "hello " + id } } } })]);
        Assert.Equal(200, status);
        var lines = await GetLinesAsync(http, $"v1/messages/batches/{created!["id"]}/results");
        Assert.Equal(ids.Count, lines.Count);

        AssertKeepsNoneOf(emulator, ids);
    }

    [Fact]
    public async Task OpenAI_AnsweredBatch_KeepsNoIdStringOrOutcomeBuilder()
    {
        await using var emulator = await BatchEmulator.StartAsync(cancellationToken: Ct);
        using var http = OpenAIHttp(emulator);
        var batch = await OpenAIHttpTests.CreateAsync(http, OpenAISdkTests.Jsonl(500));
        var output = await http.GetStringAsync($"files/{batch["output_file_id"]}/content", Ct);
        Assert.Equal(500, output.Count(c => c == '\n'));

        AssertKeepsNoneOf(emulator, [.. Enumerable.Range(0, 500).Select(i => $"r{i}")]);
    }

    private static void AssertKeepsNoneOf(BatchEmulator emulator, List<string> ids)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var held = ObjectGraph.Reachable(emulator);

        Assert.Contains(held, o => o is OutcomeStore); // the walk does reach the batches' records
        Assert.DoesNotContain(held, o => o is OutcomeStore.Builder);
        Assert.Empty(held.OfType<string>().Where(wanted.Contains).Take(5));
    }
}
