using System.Globalization;
using System.Text;

namespace Batchata.Emulator.Tests;

/// <summary>Writes a tiny uncompressed PDF with one Tj line per page.</summary>
internal static class MinimalPdf
{
    public static byte[] Build(params string[] pages)
    {
        var objects = new List<string> { "<< /Type /Catalog /Pages 2 0 R >>" };
        var kids = string.Join(' ', pages.Select((_, i) => $"{3 + (i * 2)} 0 R"));
        objects.Add($"<< /Type /Pages /Kids [{kids}] /Count {pages.Length} >>");
        for (var i = 0; i < pages.Length; i++)
        {
            var text = pages[i].Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");
            var stream = $"BT /F1 12 Tf 72 720 Td ({text}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + (i * 2)} 0 R >>");
            objects.Add($"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream");
        }

        var sb = new StringBuilder("%PDF-1.4\n");
        for (var i = 0; i < objects.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        sb.Append("trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }
}
