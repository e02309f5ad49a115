namespace Batchata.Emulator.Http;

/// <summary>A handler that can cancel all its running batches.</summary>
internal interface ICancelAll
{
    void CancelAll();
}
