using System.Runtime.CompilerServices;

namespace Batchata.IntegrationTests;

/// <summary>A small snapshot helper: compares text with <c>Snapshots/NAME</c> next to the tests; <c>ACCEPT=1</c> rewrites it.</summary>
public static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots");
        var path = Path.Combine(directory, name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("ACCEPT") == "1" || !File.Exists(path))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"Snapshot {path} is missing; run the test locally with ACCEPT=1 and commit it.");
            }

            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
