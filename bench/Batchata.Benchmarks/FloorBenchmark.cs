using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Batchata.Benchmarks;

/// <summary>
/// The floor: only the unavoidable work of N jobs on this machine — serialize N request lines, parse N
/// result lines (of the emulator's shape), write N result files — with no network, no state and no emulator.
/// </summary>
internal static class FloorBenchmark
{
    public static TimeSpan Run(string directory, int jobs)
    {
        Directory.CreateDirectory(directory);
        var resultLines = Enumerable.Range(0, jobs).Select(i =>
            "{\"custom_id\":\"job-" + i.ToString("D7", CultureInfo.InvariantCulture) + "\",\"result\":{\"type\":\"succeeded\",\"message\":{\"id\":\"msg_" + i.ToString(CultureInfo.InvariantCulture)
            + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-5-5\",\"content\":[{\"type\":\"text\",\"text\":\"Emulated answer: Write one short sentence about item "
            + i.ToString(CultureInfo.InvariantCulture) + "\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":14,\"output_tokens\":12}}}}").ToList();

        var watch = Stopwatch.StartNew();
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            for (var i = 0; i < jobs; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("custom_id", $"job-{i:D7}");
                writer.WriteStartObject("params");
                writer.WriteString("model", "claude-haiku-5-5");
                writer.WriteNumber("max_tokens", 100);
                writer.WriteStartArray("messages");
                writer.WriteStartObject();
                writer.WriteString("role", "user");
                writer.WriteString("content", $"Write one short sentence about item {i}.");
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.Flush();
                buffer.WriteByte((byte)'\n');
                writer.Reset();
            }
        }

        for (var i = 0; i < jobs; i++)
        {
            using var doc = JsonDocument.Parse(resultLines[i]);
            var result = doc.RootElement.GetProperty("result");
            var id = doc.RootElement.GetProperty("custom_id").GetString()!;
            var text = result.GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString();
            var json = "{\"job_id\":\"" + id + "\",\"raw_response\":" + JsonSerializer.Serialize(text) + ",\"input_tokens\":14,\"output_tokens\":12}";
            File.WriteAllBytes(Path.Combine(directory, id + ".json"), Encoding.UTF8.GetBytes(json));
        }

        watch.Stop();
        return watch.Elapsed;
    }
}
