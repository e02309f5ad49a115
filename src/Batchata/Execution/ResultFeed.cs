using System.Threading.Channels;

namespace Batchata;

/// <summary>
/// Hands each result the run writes to the readers of <see cref="Batch.ResultsAsync"/>: one unbounded channel per
/// reader, completed when the run ends. A reader that subscribes after the run ended gets an empty sequence.
/// </summary>
internal sealed class ResultFeed
{
    private readonly Lock _gate = new();
    private readonly List<Channel<JobResult>> _readers = [];
    private bool _completed;

    /// <summary>Starts a reader: from now on it receives every result written.</summary>
    public ChannelReader<JobResult> Subscribe()
    {
        var channel = Channel.CreateUnbounded<JobResult>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        lock (_gate)
        {
            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _readers.Add(channel);
            }
        }

        return channel.Reader;
    }

    /// <summary>Gets a value indicating whether anyone is reading (so results are only handed on when wanted).</summary>
    public bool HasReaders
    {
        get
        {
            lock (_gate)
            {
                return _readers.Count > 0;
            }
        }
    }

    public void Publish(JobResult result)
    {
        lock (_gate)
        {
            foreach (var reader in _readers)
            {
                reader.Writer.TryWrite(result);
            }
        }
    }

    /// <summary>Ends every reader's sequence (the run ended), with <paramref name="error"/> when it failed.</summary>
    public void Complete(Exception? error = null)
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var reader in _readers)
            {
                reader.Writer.TryComplete(error);
            }

            _readers.Clear();
        }
    }
}
