using System.Text;

namespace Batchata;

/// <summary>
/// Writes raw request lines and raw result lines under <c>{resultsDir}/raw_files/</c> for auditing.
/// Request lines never contain credentials (keys travel in headers only), so nothing needs redacting here.
/// </summary>
internal static class RawFiles
{
    public static async Task WriteRequestsAsync(string resultsDir, string tag, IReadOnlyList<EncodedRequest> requests, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(resultsDir, "raw_files", "requests");
        Directory.CreateDirectory(directory);
        var stream = new FileStream(Path.Combine(directory, tag + ".jsonl"), FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            foreach (var request in requests)
            {
                await stream.WriteAsync(request.Line, cancellationToken).ConfigureAwait(false);
                stream.WriteByte((byte)'\n');
            }
        }
    }

    public static async Task WriteResponseAsync(string resultsDir, string jobId, string rawLine, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(resultsDir, "raw_files", "responses");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, jobId + ".json"), rawLine, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
    }
}
