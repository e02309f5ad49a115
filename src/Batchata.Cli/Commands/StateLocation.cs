using System.CommandLine;
using Microsoft.Data.Sqlite;

namespace Batchata.Cli.Commands;

/// <summary>The <c>--results-dir DIR | --state FILE</c> pair shared by status and cancel.</summary>
internal sealed class StateLocation
{
    public Option<string?> ResultsDir { get; } = new("--results-dir", "-o") { Description = "The run's results directory (its state is {DIR}/.batchata/state.db); default ./output." };

    public Option<string?> StateFile { get; } = new("--state") { Description = "The state file, when it is not in the results directory." };

    public void AddTo(Command command)
    {
        command.Add(ResultsDir);
        command.Add(StateFile);
    }

    /// <summary>Resolves the state file and checks it exists (never creates one).</summary>
    public string Resolve(ParseResult result)
    {
        var state = result.GetValue(StateFile);
        var dir = result.GetValue(ResultsDir);
        if (state is not null && dir is not null)
        {
            throw new CliInputException("Use either --results-dir or --state, not both.");
        }

        var path = Path.GetFullPath(state ?? Path.Combine(dir ?? "./output", ".batchata", "state.db"));
        if (!File.Exists(path))
        {
            throw new CliInputException($"No state file at '{path}'. Pass the run's --results-dir (or --state), or start a run with 'batchata run'.");
        }

        EnsureStateFile(path);
        return path;
    }

    /// <summary>Checks, read-only, that the file is a Batchata state file, so that no other database gets tables added.</summary>
    private static void EnsureStateFile(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
            if (command.ExecuteScalar() is null)
            {
                throw new CliInputException($"'{path}' is not a Batchata state file (it has no schema version).");
            }
        }
        catch (SqliteException ex)
        {
            throw new CliInputException($"'{path}' is not a Batchata state file ({ex.Message}).", ex);
        }
    }
}
