using System.Globalization;

namespace Batchata.Cli.Rendering;

/// <summary>Writes job results as RFC 4180 CSV with a header row.</summary>
internal static class ResultsCsv
{
    public static void Write(TextWriter writer, IEnumerable<JobResult> results)
    {
        writer.WriteLine("job_id,status,provider,model,input_tokens,output_tokens,cost_usd,batch_id,error,response");
        foreach (var r in results)
        {
            var response = r.ParsedResponse is { } parsed ? JsonText.Write(parsed.WriteTo, indented: false) : r.RawResponse;
            string?[] fields =
            [
                r.JobId, r.Status.ToString().ToLowerInvariant(), r.Provider, r.Model,
                r.InputTokens.ToString(CultureInfo.InvariantCulture), r.OutputTokens.ToString(CultureInfo.InvariantCulture),
                r.CostUsd.ToString(CultureInfo.InvariantCulture), r.BatchId, r.Error, response,
            ];
            writer.WriteLine(string.Join(',', fields.Select(Escape)));
        }
    }

    internal static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.IndexOfAny(['"', ',', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
