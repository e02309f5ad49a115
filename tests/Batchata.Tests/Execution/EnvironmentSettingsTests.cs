namespace Batchata.Tests.Execution;

public sealed class EnvironmentSettingsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"batchata-{Guid.NewGuid():N}.env");

    [Fact]
    public void Get_ReadsDotEnvWithQuotesExportAndComments()
    {
        File.WriteAllText(_file, "# comment\nexport ANTHROPIC_API_KEY=\"sk-from-dotenv\"\nOPENAI_API_KEY=plain # trailing\nGEMINI_API_KEY='single'\nBROKEN LINE\n");
        var env = new EnvironmentSettings(_file, _ => null);
        Assert.Equal("sk-from-dotenv", env.Get("ANTHROPIC_API_KEY"));
        Assert.Equal("plain", env.Get("OPENAI_API_KEY"));
        Assert.Equal("single", env.Get("GEMINI_API_KEY", "GOOGLE_API_KEY"));
    }

    [Fact]
    public void Get_EnvironmentWinsOverDotEnv()
    {
        File.WriteAllText(_file, "OPENAI_API_KEY=from-file\n");
        var env = new EnvironmentSettings(_file, name => name == "OPENAI_API_KEY" ? "from-env" : null);
        Assert.Equal("from-env", env.Get("OPENAI_API_KEY"));
    }

    [Fact]
    public void Get_FallsBackToSecondName()
    {
        var env = new EnvironmentSettings(_file, name => name == "GOOGLE_API_KEY" ? "g" : null);
        Assert.Equal("g", env.Get("GEMINI_API_KEY", "GOOGLE_API_KEY"));
    }

    public void Dispose() => File.Delete(_file);
}
