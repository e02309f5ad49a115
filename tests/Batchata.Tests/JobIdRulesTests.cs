namespace Batchata.Tests;

/// <summary>Issue 19, item 6: ids name files, so they are unique case-insensitively and never Windows device names.</summary>
public sealed class JobIdRulesTests
{
    [Fact]
    public void AddJob_IdsDifferingOnlyInCase_SecondRefused()
    {
        var batch = new Batch(Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"))).UseAnthropic(o => o.ApiKey = "test-key-000000");
        batch.AddJob(prompt: "one", id: "ok1", model: "claude-haiku-5-5");

        var ex = Assert.Throws<BatchValidationException>(() => batch.AddJob(prompt: "two", id: "OK1", model: "claude-haiku-5-5"));

        Assert.Contains("OK1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("case", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CON")]
    [InlineData("nul")]
    [InlineData("Aux")]
    [InlineData("PRN")]
    [InlineData("COM1")]
    [InlineData("lpt9")]
    public void AddJob_WindowsDeviceName_Refused(string id)
    {
        var batch = new Batch(Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"))).UseAnthropic(o => o.ApiKey = "test-key-000000");

        var ex = Assert.Throws<BatchValidationException>(() => batch.AddJob(prompt: "x", id: id, model: "claude-haiku-5-5"));

        Assert.Contains("reserved device name", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CONSOLE")]
    [InlineData("COM0")]
    [InlineData("LPT10")]
    [InlineData("nul_")]
    public void AddJob_NamesThatOnlyLookLikeDevices_Accepted(string id)
    {
        var batch = new Batch(Path.Combine(Path.GetTempPath(), "batchata-unit", Guid.NewGuid().ToString("N"))).UseAnthropic(o => o.ApiKey = "test-key-000000");

        batch.AddJob(prompt: "x", id: id, model: "claude-haiku-5-5");
    }
}
