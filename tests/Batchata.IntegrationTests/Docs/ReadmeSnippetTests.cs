using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Batchata.Emulator;
using Batchata.IntegrationTests.Structured;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Batchata.IntegrationTests.Docs;

[CollectionDefinition(nameof(ProcessStateCollection), DisableParallelization = true)]
public sealed class ProcessStateCollection;

/// <summary>
/// Issue 16: the README's C# snippets compile and run as written. Each ```csharp block (a block marked
/// ```csharp fragment is an excerpt, such as the hosting one, which the worker sample runs instead) is compiled with Roslyn as a
/// console program (with the implicit usings of <c>dotnet new console</c>) and run against the emulator, with the
/// provider's key and base URL in the environment and a fresh current directory holding the files it names — which
/// is process-wide state, so this test runs alone.
/// </summary>
[Collection(nameof(ProcessStateCollection))]
public sealed partial class ReadmeSnippetTests
{
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    [Fact]
    public async Task EveryCSharpSnippetOfTheReadme_CompilesAndRuns()
    {
        var snippets = CSharpBlocks().Matches(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"))).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(snippets);

        await using var emulator = await BatchEmulator.StartAsync(new EmulatorOptions { ProcessingLatency = TimeSpan.Zero }, TestContext.Current.CancellationToken);
        foreach (var snippet in snippets)
        {
            var entry = Compile(snippet);
            using var dir = new TempDir();
            TestDocuments.WritePdf(dir.Path);
            File.Copy(Path.Combine(dir.Path, "invoice.pdf"), Path.Combine(dir.Path, "doc.pdf"));
            File.Copy(Path.Combine(dir.Path, "invoice.pdf"), Path.Combine(dir.Path, "inv.pdf"));
            var saved = (Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY"), Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL"));
            try
            {
                Directory.SetCurrentDirectory(dir.Path);
                Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", emulator.ApiKey);
                Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", emulator.AnthropicBaseUrl.ToString());
                await Task.Run(() => entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]), TestContext.Current.CancellationToken);
            }
            finally
            {
                Directory.SetCurrentDirectory(saved.Item1);
                Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", saved.Item2);
                Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", saved.Item3);
            }

            // The snippet ran its jobs to the end: one result file per job, every job completed.
            var results = BatchResults.Load(Path.Combine(dir.Path, "output"));
            Assert.Equal(3, results.All.Count);
            Assert.Equal(3, results.Completed.Count);
        }
    }

    private static MethodInfo Compile(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, "The README snippet does not compile:\n" + string.Join('\n', emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(image).EntryPoint!;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Batchata.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Batchata.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlocks();
}
