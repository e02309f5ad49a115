using Batchata.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Gemini;

/// <summary>Placeholder.</summary>
internal sealed class GeminiHandler(EmulatorState state) : IProviderHandler, ICancelAll
{
    public bool Matches(PathString path) => false;

    public void CancelAll()
    {
    }

    public Task WriteFaultAsync(HttpContext context, FaultKind fault) => Task.CompletedTask;

    public Task HandleAsync(HttpContext context) => Task.FromResult(state);
}
