using Batchata.Tests.Files;
using Microsoft.Extensions.AI;

namespace Batchata.Tests.Jobs;

/// <summary>Issue 16: a message part that cannot be sent is refused at AddJob with a message naming the job, the part and the fix; what can be sent is kept.</summary>
public sealed class MessageContentValidationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"));

    private Batch NewBatch()
    {
        var batch = new Batch(_dir)
            .UseAnthropic(o => { o.ApiKey = "test-key"; o.BaseUrl = new Uri("http://127.0.0.1:9/"); })
            .UseOpenAI(o => { o.ApiKey = "test-key"; o.BaseUrl = new Uri("http://127.0.0.1:9/v1/"); })
            .UseGemini(o => { o.ApiKey = "test-key"; o.BaseUrl = new Uri("http://127.0.0.1:9/"); })
            .SetDefaultParams(model: "claude-haiku-5-5");
        batch.DotEnvPath = Path.Combine(_dir, ".env");
        batch.EnvironmentVariables = _ => null;
        return batch;
    }

    private BatchValidationException Refused(params AIContent[] contents)
        => Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(messages: [new ChatMessage(ChatRole.User, [.. contents])], id: "job-1"));

    [Fact]
    public void FunctionCallContent_IsRefusedNamingThePart()
    {
        var ex = Refused(new TextContent("hi"), new FunctionCallContent("c1", "lookup"));
        Assert.Contains("'job-1'", ex.Message);
        Assert.Contains("part 2", ex.Message);
        Assert.Contains("FunctionCallContent", ex.Message);
    }

    [Fact]
    public void AudioDataContent_IsRefusedWithTheMediaTypesThatGo()
    {
        var ex = Refused(new TextContent("hi"), new DataContent(new byte[] { 1, 2, 3 }, "audio/wav"));
        Assert.Contains("audio/wav", ex.Message);
        Assert.Contains("application/pdf", ex.Message);
    }

    [Fact]
    public void PdfByUrl_IsRefusedAskingForTheBytes()
    {
        var ex = Refused(new TextContent("hi"), new UriContent("https://example.com/a.pdf", "application/pdf"));
        Assert.Contains("DataContent", ex.Message);
    }

    [Fact]
    public void ImageInASystemMessage_IsRefused()
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(
            messages: [new ChatMessage(ChatRole.System, [new DataContent(TestFiles.Png, "image/png")]), new ChatMessage(ChatRole.User, "hi")], id: "sys"));
        Assert.Contains("user message", ex.Message);
    }

    [Fact]
    public void DamagedPdfDataContent_IsRefused()
    {
        var ex = Refused(new TextContent("hi"), new DataContent("%PDF-1.4 not really"u8.ToArray(), "application/pdf"));
        Assert.Contains("PDF", ex.Message);
    }

    [Fact]
    public void GifForGemini_IsRefusedNamingTheFormatsItTakes()
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(
            messages: [new ChatMessage(ChatRole.User, [new TextContent("hi"), new DataContent(TestFiles.Gif, "image/gif")])], model: "gemini-3.8-flash", id: "g"));
        Assert.Contains("image/gif", ex.Message);
    }

    [Fact]
    public void SystemPromptAndSystemMessage_IsRefused()
    {
        var ex = Assert.Throws<BatchValidationException>(() => NewBatch().AddJob(
            messages: [new ChatMessage(ChatRole.System, "a"), new ChatMessage(ChatRole.User, "hi")], system: "b", id: "two-systems"));
        Assert.Contains("not both", ex.Message);
    }

    [Fact]
    public void ImageAndText_AreKeptInOrderAndEstimated()
    {
        var batch = NewBatch().AddJob(messages: [new ChatMessage(ChatRole.User, [new TextContent("What colour?"), new DataContent(TestFiles.Png, "image/png")])], id: "img");
        var job = Assert.Single(batch.PendingJobs());
        var message = Assert.Single(job.Messages);
        Assert.NotNull(message.Parts);
        Assert.Equal([JobPartKind.Text, JobPartKind.Data], message.Parts.Select(p => p.Kind));
        Assert.Equal(TestFiles.Png, message.Parts[1].Data);
        Assert.True(job.EstimatedInputTokens >= TokenEstimator.ImageTokens);
    }

    [Fact]
    public void SystemPrompt_GoesFirstWithAFile()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "a.txt");
        File.WriteAllText(path, "Some text.");
        var batch = NewBatch().AddJob(file: path, prompt: "Summarize", system: "Be brief.", id: "s");
        var job = Assert.Single(batch.PendingJobs());
        Assert.Equal(["system", "user"], job.Messages.Select(m => m.Role));
        Assert.Equal("Be brief.", job.Messages[0].Text);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
