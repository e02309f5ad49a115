namespace Batchata.Emulator.Http;

/// <summary>A transient fault injected on an API call.</summary>
internal enum FaultKind
{
    None,
    RateLimited,
    ServerError,
    Unavailable,
    Overloaded,
    Abort,
}
