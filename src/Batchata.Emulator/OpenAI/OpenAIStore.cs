using Batchata.Emulator.Core;
using Batchata.Emulator.Http;

namespace Batchata.Emulator.OpenAI;

/// <summary>Files and batches of the OpenAI surface; makes the output and error files when a batch ends.</summary>
internal sealed class OpenAIStore(EmulatorState state)
{
    private readonly object _gate = new();
    private readonly List<OpenAIFile> _files = [];
    private readonly List<OpenAIBatch> _batches = [];

    public OpenAIFile? File(string id)
    {
        lock (_gate)
        {
            return _files.Find(f => f.Id == id && !f.Deleted);
        }
    }

    public List<OpenAIFile> Files()
    {
        lock (_gate)
        {
            return _files.Where(f => !f.Deleted).Reverse().ToList();
        }
    }

    public void Add(OpenAIFile file)
    {
        lock (_gate)
        {
            _files.Add(file);
        }
    }

    /// <summary>Deletes a file: it is marked (for requests holding it now) and forgotten, so its content is freed.</summary>
    public void Delete(OpenAIFile file)
    {
        lock (_gate)
        {
            file.Deleted = true;
            _files.Remove(file);
        }
    }

    public OpenAIBatch? Batch(string id)
    {
        lock (_gate)
        {
            return _batches.Find(b => b.Core.Id == id);
        }
    }

    public List<OpenAIBatch> Batches()
    {
        lock (_gate)
        {
            return _batches.AsEnumerable().Reverse().ToList();
        }
    }

    public void Add(OpenAIBatch batch)
    {
        lock (_gate)
        {
            _batches.Add(batch);
        }
    }

    /// <summary>Creates the output/error files once the batch reached a terminal phase.</summary>
    public void EnsureFiles(OpenAIBatch batch, DateTimeOffset now)
    {
        if (batch.FilesMade || batch.Failed || batch.Core.Phase(now) == BatchPhase.Running)
        {
            return;
        }

        lock (_gate)
        {
            if (batch.FilesMade)
            {
                return;
            }

            var errors = 0;
            for (var i = 0; i < batch.Core.Count; i++)
            {
                if (OpenAIResultWriter.InErrorFile(batch, i, now))
                {
                    errors++;
                }
            }

            var endedAt = batch.Core.EndedAt(now) ?? now;
            if (errors < batch.Core.Count)
            {
                var file = new OpenAIFile { Id = state.Ids.Next("file-emu"), FileName = "batch_output.jsonl", Purpose = "batch_output", CreatedAt = endedAt, Source = batch };
                _files.Add(file);
                batch.OutputFileId = file.Id;
            }

            if (errors > 0)
            {
                var file = new OpenAIFile { Id = state.Ids.Next("file-emu"), FileName = "batch_errors.jsonl", Purpose = "batch_output", CreatedAt = endedAt, Source = batch, IsErrorFile = true };
                _files.Add(file);
                batch.ErrorFileId = file.Id;
            }

            batch.FilesMade = true;
        }
    }
}
