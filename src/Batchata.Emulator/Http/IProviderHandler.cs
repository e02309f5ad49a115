using Microsoft.AspNetCore.Http;

namespace Batchata.Emulator.Http;

/// <summary>One provider's API surface.</summary>
internal interface IProviderHandler
{
    bool Matches(PathString path);

    Task HandleAsync(HttpContext context);

    Task WriteFaultAsync(HttpContext context, FaultKind fault);
}
