using System.Collections.Concurrent;

namespace Batchata.Emulator.Gemini;

/// <summary>Gemini batches, files and open uploads.</summary>
internal sealed class GeminiStore
{
    private readonly List<GeminiBatch> _order = [];

    public ConcurrentDictionary<string, GeminiBatch> Batches { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, GeminiFile> Files { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, GeminiUpload> Uploads { get; } = new(StringComparer.Ordinal);

    public void Add(GeminiBatch batch)
    {
        Batches[batch.Core.Id] = batch;
        lock (_order)
        {
            _order.Add(batch);
        }
    }

    public List<GeminiBatch> Newest()
    {
        lock (_order)
        {
            return _order.Where(b => !b.Deleted).Reverse().ToList();
        }
    }
}
