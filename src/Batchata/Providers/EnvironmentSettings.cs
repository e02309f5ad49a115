namespace Batchata;

/// <summary>
/// Reads settings from environment variables, falling back to a <c>.env</c> file in the working directory
/// (KEY=VALUE lines, optional <c>export</c>, quotes and comments). Real environment variables win.
/// Values are held in memory only and never logged.
/// </summary>
internal sealed class EnvironmentSettings
{
    private readonly Dictionary<string, string> _dotEnv;
    private readonly Func<string, string?> _variables;

    public EnvironmentSettings(string? dotEnvPath = null, Func<string, string?>? variables = null)
    {
        _dotEnv = Parse(dotEnvPath ?? Path.Combine(Directory.GetCurrentDirectory(), ".env"));
        _variables = variables ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>Gets the value of the first variable of <paramref name="names"/> that is set and not empty.</summary>
    public string? Get(params string[] names)
    {
        foreach (var name in names)
        {
            var value = _variables(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                _dotEnv.TryGetValue(name, out value);
            }

            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    internal static Dictionary<string, string> Parse(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }

        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var hash and >= 0)
            {
                value = value[..hash].TrimEnd();
            }

            values[key] = value;
        }

        return values;
    }
}
