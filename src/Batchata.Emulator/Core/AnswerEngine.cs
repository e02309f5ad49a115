using System.Text.Json.Nodes;

namespace Batchata.Emulator.Core;

/// <summary>Computes the deterministic answer (or per-request error) of one request.</summary>
internal static class AnswerEngine
{
    public const string RefusalText = "I can't help with that request. (Emulated refusal.)";
    public const string BadJsonText = "{\"truncated\": ";
    private const int AnswerWords = 12;

    public static Outcome Answer(Prompt prompt, AnswerContext context, int index)
    {
        if (prompt.Error is { } error)
        {
            return new Outcome { ErrorType = error.Type, ErrorMessage = error.Message, ErrorCode = prompt.ErrorDetail.Code, ErrorParam = prompt.ErrorDetail.Param, ErrorStatus = prompt.ErrorStatus };
        }

        var all = prompt.AllText.ToString();
        if (Directives.ErrorType(all) is { } type)
        {
            return Outcome.Error(type, $"Emulated failure ({type}).");
        }

        if (context.RetryableRate > 0 && Seeded.Unit(context.Seed, context.BatchOrdinal, index) < context.RetryableRate)
        {
            var pick = (int)(Seeded.Unit(context.Seed + 1, context.BatchOrdinal, index) * context.RetryableTypes.Count);
            var retryable = context.RetryableTypes[Math.Min(pick, context.RetryableTypes.Count - 1)];
            return Outcome.Error(retryable, $"Emulated transient failure ({retryable}).");
        }

        var textTokens = Tokens.Count(all) + (Tokens.PerMessage * prompt.MessageCount);
        foreach (var doc in prompt.Documents)
        {
            textTokens += Tokens.Count(doc.Text);
        }

        var input = Tokens.Scale(textTokens, prompt.TokenScale) + prompt.ExtraTokens;

        int creation = 0, read = 0;
        if (prompt.CachePrefix is { Length: > 0 } prefix)
        {
            var cached = Math.Min(input, Tokens.Scale(Tokens.Count(prefix), prompt.TokenScale));
            if (context.SeenCachePrefixes.Add(prefix))
            {
                creation = cached;
            }
            else
            {
                read = cached;
            }
        }

        var result = Compose(prompt, all);
        var output = Tokens.Scale(result.ToolInput is { } tool ? Tokens.Count(tool.ToJsonString()) : Tokens.Count(result.Text), prompt.TokenScale);
        var stop = result.Stop;
        var blocks = result.Blocks;
        if (prompt.MaxTokens is { } max && output > max)
        {
            stop = StopKind.MaxTokens;
            if (result.ToolInput is null)
            {
                blocks = [new AnswerBlock(Tokens.Truncate(result.Text, (int)(max / prompt.TokenScale)))];
            }

            output = max;
        }

        return new Outcome
        {
            Blocks = blocks,
            ToolInput = result.ToolInput,
            ToolName = result.ToolName,
            Stop = stop,
            IsJson = result.IsJson,
            InputTokens = input,
            CacheCreationTokens = creation,
            CacheTtl1h = prompt.CacheTtl1h,
            CacheReadTokens = read,
            OutputTokens = output,
        };
    }

    private static Outcome Compose(Prompt prompt, string all)
    {
        if (Directives.Refusal(all))
        {
            return new Outcome { Blocks = [new AnswerBlock(RefusalText)], Stop = StopKind.Refusal };
        }

        var spans = prompt.Documents.Any(d => d.CitationsEnabled) ? new SpanSource(prompt.Documents) : null;
        if (prompt.Schema is { } schema)
        {
            var text = new TextSource(Directives.Strip(prompt.LastUserText.Length > 0 ? prompt.LastUserText : all));
            if (Directives.BadJson(all))
            {
                return new Outcome { Blocks = [new AnswerBlock(BadJsonText)], IsJson = true };
            }

            var builder = new SchemaInstanceBuilder(schema, text, spans);
            var node = builder.Build();
            if (prompt.ToolName is not null && builder.Cited.Count == 0)
            {
                return new Outcome { ToolInput = node ?? new JsonObject(), ToolName = prompt.ToolName, Stop = StopKind.ToolUse, IsJson = true };
            }

            var blocks = builder.Cited.Count == 0
                ? [new AnswerBlock(node?.ToJsonString(CitedJsonWriter.Options) ?? "null")]
                : CitedJsonWriter.Write(node, builder.Cited);
            return new Outcome { Blocks = blocks, IsJson = true };
        }

        if (spans is { IsEmpty: false })
        {
            var blocks = new List<AnswerBlock> { new("Emulated answer based on the documents: ") };
            foreach (var span in spans.All.Take(3))
            {
                blocks.Add(new AnswerBlock(span.CitedText, span));
                blocks.Add(new AnswerBlock(" "));
            }

            blocks.RemoveAt(blocks.Count - 1);
            return new Outcome { Blocks = blocks };
        }

        var words = Directives.Strip(prompt.LastUserText).Split((char[]?)null, AnswerWords + 1, StringSplitOptions.RemoveEmptyEntries);
        var answer = "Emulated answer: " + string.Join(' ', words.Take(AnswerWords));
        return new Outcome { Blocks = [new AnswerBlock(answer.TrimEnd())] };
    }
}
