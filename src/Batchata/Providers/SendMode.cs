namespace Batchata;

/// <summary>How safe a provider call is to repeat.</summary>
internal enum SendMode
{
    /// <summary>Safe to repeat (GET, cancel, download): retried on every transient failure.</summary>
    Idempotent,

    /// <summary>Creates something (batch create, file upload): retried only when the answer proves nothing was created (429, 503, 529).</summary>
    NonIdempotent,
}
