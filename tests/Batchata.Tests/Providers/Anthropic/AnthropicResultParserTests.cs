namespace Batchata.Tests.Providers.Anthropic;

public class AnthropicResultParserTests
{
    [Fact]
    public void TryParse_Succeeded_ReadsTextUsageAndStopReason()
    {
        const string line = """{"custom_id":"a","result":{"type":"succeeded","message":{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"Hello "},{"type":"text","text":"world"}],"stop_reason":"end_turn","usage":{"input_tokens":10,"output_tokens":5,"cache_creation_input_tokens":30,"cache_read_input_tokens":7,"cache_creation":{"ephemeral_5m_input_tokens":10,"ephemeral_1h_input_tokens":20},"output_tokens_details":{"thinking_tokens":3}}}}}""";
        var result = AnthropicResultParser.TryParse(line)!;
        Assert.Equal("a", result.CustomId);
        Assert.Equal(ProviderResultKind.Succeeded, result.Kind);
        Assert.Equal("Hello world", result.Text);
        Assert.Null(result.Blocks);
        Assert.Equal("end_turn", result.StopReason);
        Assert.Equal(new TokenUsage(10, 5, 10, 20, 7, 3), result.Usage);
        Assert.Equal(line, result.RawLine);
    }

    [Fact]
    public void TryParse_CacheCreationWithoutSplit_CountsAsFiveMinuteWrites()
    {
        var result = AnthropicResultParser.TryParse("""{"custom_id":"a","result":{"type":"succeeded","message":{"content":[],"usage":{"input_tokens":1,"output_tokens":2,"cache_creation_input_tokens":30,"cache_read_input_tokens":null}}}}""")!;
        Assert.Equal(new TokenUsage(1, 2, 30, 0, 0, 0), result.Usage);
    }

    [Fact]
    public void TryParse_Citations_ReturnsBlocks()
    {
        const string line = """{"custom_id":"a","result":{"type":"succeeded","message":{"content":[{"type":"text","text":"The answer is "},{"type":"text","text":"42","citations":[{"type":"page_location","cited_text":"forty-two","document_index":0,"document_title":"book.pdf","start_page_number":3,"end_page_number":4}]}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}}}""";
        var result = AnthropicResultParser.TryParse(line)!;
        Assert.Equal("The answer is 42", result.Text);
        Assert.NotNull(result.Blocks);
        Assert.Equal(2, result.Blocks.Count);
        Assert.Empty(result.Blocks[0].Citations);
        var citation = Assert.Single(result.Blocks[1].Citations);
        Assert.Equal("forty-two", citation.Text);
        Assert.Equal(3, citation.Page);
        Assert.Equal("book.pdf", citation.Source);
    }

    [Fact]
    public void TryParse_CharLocationCitation_MapsOffsets()
    {
        const string line = """{"custom_id":"a","result":{"type":"succeeded","message":{"content":[{"type":"text","text":"Alice","citations":[{"type":"char_location","cited_text":"Alice works here.","document_index":0,"document_title":"doc.txt","start_char_index":0,"end_char_index":17}]}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}}}""";
        var citation = Assert.Single(Assert.Single(AnthropicResultParser.TryParse(line)!.Blocks!).Citations);
        Assert.Equal((0, 17), (citation.StartChar, citation.EndChar));
        Assert.Null(citation.Page);
        Assert.Equal("char_location", citation.Kind);
    }

    [Fact]
    public void TryParse_ForcedTool_ReturnsToolInputJson()
    {
        var result = AnthropicResultParser.TryParse("""{"custom_id":"a","result":{"type":"succeeded","message":{"content":[{"type":"tool_use","id":"toolu_1","name":"emit","input":{"name":"Ada"}}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}}}}""")!;
        Assert.Equal("""{"name":"Ada"}""", result.Text);
        Assert.Equal("tool_use", result.StopReason);
    }

    [Fact]
    public void TryParse_Refusal_StaysSucceededWithStopReason()
    {
        var result = AnthropicResultParser.TryParse("""{"custom_id":"a","result":{"type":"succeeded","message":{"content":[],"stop_reason":"refusal","usage":{"input_tokens":1,"output_tokens":0}}}}""")!;
        Assert.Equal(ProviderResultKind.Succeeded, result.Kind);
        Assert.Equal("refusal", result.StopReason);
    }

    [Theory]
    [InlineData("""{"custom_id":"b","result":{"type":"errored","error":{"type":"error","error":{"type":"invalid_request_error","message":"bad"},"request_id":"req_1"}}}""", "invalid_request_error", false)]
    [InlineData("""{"custom_id":"b","result":{"type":"errored","error":{"type":"overloaded_error","message":"bad"}}}""", "overloaded_error", true)]
    [InlineData("""{"custom_id":"b","result":{"type":"errored","error":{"type":"error","error":{"type":"api_error","message":"bad"}}}}""", "api_error", true)]
    public void TryParse_Errored_ReadsNestedOrFlatType(string line, string type, bool retryable)
    {
        var result = AnthropicResultParser.TryParse(line)!;
        Assert.Equal(ProviderResultKind.Errored, result.Kind);
        Assert.Equal(type, result.ErrorType);
        Assert.Equal("bad", result.ErrorMessage);
        Assert.Equal(retryable, result.IsRetryable);
    }

    [Fact]
    public void TryParse_CanceledAndExpired_Map()
    {
        Assert.Equal(ProviderResultKind.Canceled, AnthropicResultParser.TryParse("""{"custom_id":"c","result":{"type":"canceled"}}""")!.Kind);
        var expired = AnthropicResultParser.TryParse("""{"custom_id":"d","result":{"type":"expired"}}""")!;
        Assert.Equal(ProviderResultKind.Expired, expired.Kind);
        Assert.True(expired.IsRetryable);
    }

    [Theory]
    [InlineData("""{"custom_id":"a","result":{"type":"succ""")]
    [InlineData("""{"result":{"type":"canceled"}}""")]
    public void TryParse_CutOrIncomplete_ReturnsNull(string line)
    {
        Assert.Null(AnthropicResultParser.TryParse(line));
    }
}
